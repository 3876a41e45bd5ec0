package org.resilientcircuit.cdi.health;

import java.lang.System.Logger.Level;

import jakarta.enterprise.inject.spi.AfterBeanDiscovery;

/**
 * Registers the library's MicroProfile Health checks, {@value BreakerReadinessCheck#NAME}
 * ({@code @Readiness}) and {@value BreakerLivenessCheck#NAME} ({@code @Liveness}), when the
 * application server has MicroProfile Health, and does nothing otherwise. The extension calls
 * {@link #addIfAvailable} from an {@code AfterBeanDiscovery} observer.
 *
 * <p>This class refers to no MicroProfile Health type: the library loads, links and runs without
 * MicroProfile Health on the class path. Only when {@code org.eclipse.microprofile.health.HealthCheck}
 * is loadable through the library's own class loader (the loader that resolves the checks'
 * references) is {@link BreakerHealthBeans} touched.
 */
public final class HealthChecks {

    static final String HEALTH_CHECK = "org.eclipse.microprofile.health.HealthCheck";
    private static final String PACKAGE = "org.eclipse.microprofile.health.";
    private static final System.Logger LOG = System.getLogger(HealthChecks.class.getName());

    private HealthChecks() {
    }

    /**
     * Adds the readiness and liveness checks as beans ({@code HealthCheck}, qualified
     * {@code @Readiness} / {@code @Liveness}, dependent) if MicroProfile Health is present.
     *
     * @return whether they were added
     */
    public static boolean addIfAvailable(AfterBeanDiscovery event) {
        if (!available(HealthChecks.class.getClassLoader())) {
            LOG.log(Level.DEBUG, "MicroProfile Health is not on the class path: no Resilient Circuit health checks");
            return false;
        }
        BreakerHealthBeans.add(event);
        LOG.log(Level.DEBUG, "Resilient Circuit health checks registered: {0} (readiness), {1} (liveness)",
                BreakerHealthBeans.READINESS_NAME, BreakerHealthBeans.LIVENESS_NAME);
        return true;
    }

    /**
     * Whether MicroProfile Health's {@code HealthCheck} is loadable through {@code loader}, in a
     * version the checks work with (3.0 or later: {@code @Readiness}, {@code @Liveness} and the
     * public constructor of {@code HealthCheckResponse}); an older one is logged and left alone.
     */
    static boolean available(ClassLoader loader) {
        try {
            Class.forName(HEALTH_CHECK, false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
        try {
            Class.forName(PACKAGE + "Readiness", false, loader);
            Class.forName(PACKAGE + "Liveness", false, loader);
            Class<?> status = Class.forName(PACKAGE + "HealthCheckResponse$Status", false, loader);
            Class.forName(PACKAGE + "HealthCheckResponse", false, loader)
                    .getConstructor(String.class, status, java.util.Optional.class);
            return true;
        } catch (ReflectiveOperationException | LinkageError tooOld) {
            LOG.log(Level.INFO, "MicroProfile Health is older than 3.0 ({0}): Resilient Circuit registers no"
                    + " health checks", tooOld.toString());
            return false;
        }
    }
}
