package org.resilientcircuit.cdi.health;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.resilientcircuit.api.CircuitBreakers;

/**
 * The synthetic beans of the two checks. Loaded only when MicroProfile Health is present
 * ({@link HealthChecks}); each check reads the breakers through the {@link CircuitBreakers} bean
 * of the deployment, looked up when the check is created.
 */
final class BreakerHealthBeans {

    /** Copies of the checks' names, so that {@link HealthChecks} can log them without loading the checks. */
    static final String READINESS_NAME = BreakerReadinessCheck.NAME;
    static final String LIVENESS_NAME = BreakerLivenessCheck.NAME;

    private BreakerHealthBeans() {
    }

    static void add(AfterBeanDiscovery event) {
        event.addBean()
                .beanClass(BreakerReadinessCheck.class)
                .types(HealthCheck.class, BreakerReadinessCheck.class, Object.class)
                .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(Dependent.class)
                .produceWith(beans -> new BreakerReadinessCheck(beans.select(CircuitBreakers.class).get()));
        event.addBean()
                .beanClass(BreakerLivenessCheck.class)
                .types(HealthCheck.class, BreakerLivenessCheck.class, Object.class)
                .qualifiers(Liveness.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(Dependent.class)
                .produceWith(beans -> new BreakerLivenessCheck(beans.select(CircuitBreakers.class).get()));
    }
}
