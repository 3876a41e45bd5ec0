package org.resilientcircuit.tck;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.opentelemetry.implementation.config.OpenTelemetryConfigProducer;

/**
 * MicroProfile Telemetry in every TCK deployment as a server provides it: SmallRye OpenTelemetry's
 * beans, and its SDK started with the application.
 *
 * <ul>
 *   <li>Its configuration producer becomes a bean. In a server its jar is a bean archive;
 *       arquillian-weld-embedded makes only the deployment's own classes beans (see README.md), and
 *       SmallRye OpenTelemetry's CDI extension adds its other beans itself, but not this one.</li>
 *   <li>The {@code OpenTelemetry} bean is created once the deployment is valid, as a server's
 *       telemetry runtime starts the SDK whatever the application uses. The TCK's telemetry tests
 *       read through an in-memory reader that the SDK registers when it starts: a deployment in which
 *       nothing else asks for OpenTelemetry (with Fault Tolerance metrics disabled, say) must have it
 *       too. The bean is a {@code @Singleton} that SmallRye disposes of at container shutdown, which
 *       shuts the SDK and the reader down, so each deployment starts with a fresh reader.</li>
 * </ul>
 */
public class OpenTelemetryRuntime implements Extension {

    void addConfigProducer(@Observes BeforeBeanDiscovery event) {
        event.addAnnotatedType(OpenTelemetryConfigProducer.class, OpenTelemetryConfigProducer.class.getName());
    }

    void startSdk(@Observes AfterDeploymentValidation event, BeanManager beans) {
        beans.createInstance().select(OpenTelemetry.class).get().getMeterProvider();
    }
}
