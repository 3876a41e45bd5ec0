package org.resilientcircuit.cdi.metrics;

import jakarta.enterprise.util.AnnotationLiteral;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

/** {@code @RegistryType(type = ...)}, to select the container's base and vendor registries. */
@SuppressWarnings("all")
final class RegistryTypeLiteral extends AnnotationLiteral<RegistryType> implements RegistryType {

    private static final long serialVersionUID = 1L;
    private final MetricRegistry.Type type;

    RegistryTypeLiteral(MetricRegistry.Type type) {
        this.type = type;
    }

    @Override
    public MetricRegistry.Type type() {
        return type;
    }
}
