package org.resilientcircuit.cdi;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * Reads the specification's configuration overrides. Precedence, highest first: the method or class
 * key (by where the annotation is declared), the global {@code <Annotation>/<param>} key, the
 * annotation's own value. Read once at deployment; a call never reads configuration.
 */
final class PolicyConfig {

    static final String NON_FALLBACK_ENABLED = "MP_Fault_Tolerance_NonFallback_Enabled";

    private final Config config;

    PolicyConfig(Config config) {
        this.config = config;
    }

    <T> T value(PolicySite site, String parameter, Class<T> type, T annotationValue) {
        return read(site.specificKey(parameter), type)
                .or(() -> read(site.globalKey(parameter), type))
                .orElse(annotationValue);
    }

    /**
     * Method key, then class key, then global key, then (for every policy but Fallback)
     * {@value #NON_FALLBACK_ENABLED}; enabled when none is set.
     */
    boolean enabled(PolicySite site) {
        return read(site.methodKey("enabled"), Boolean.class)
                .or(() -> read(site.classKey("enabled"), Boolean.class))
                .or(() -> read(site.globalKey("enabled"), Boolean.class))
                .or(() -> site.type() == Fallback.class ? Optional.empty() : read(NON_FALLBACK_ENABLED, Boolean.class))
                .orElse(true);
    }

    <T> Optional<T> read(String key, Class<T> type) {
        try {
            return config.getOptionalValue(key, type);
        } catch (IllegalArgumentException | NoSuchElementException badValue) {
            throw new FaultToleranceDefinitionException("configuration property " + key + " has a value that is not a valid "
                    + type.getSimpleName() + ": " + badValue.getMessage(), badValue);
        }
    }

    /** An exception-list parameter ({@code retryOn}, {@code skipOn}, ...), every entry a Throwable. */
    List<Class<? extends Throwable>> throwables(PolicySite site, String parameter, Class<? extends Throwable>[] annotated) {
        @SuppressWarnings("unchecked")
        Class<? extends Throwable>[] value = value(site, parameter, Class[].class, annotated);
        for (Class<?> type : value) {
            site.require(parameter, Throwable.class.isAssignableFrom(type), "lists " + type.getName() + ", which is not a Throwable");
        }
        return List.of(value);
    }
}
