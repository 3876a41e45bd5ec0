package org.resilientcircuit.cdi.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.resilientcircuit.cdi.health.HealthTestSupport.data;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.api.BreakerKey;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.cdi.FaultToleranceExtension;

/** The checks with the in-memory store: ready and live; open breakers are reported, not held against the instance. */
@EnableWeld
class MemoryStoreHealthTest {

    @ApplicationScoped
    public static class Payments {
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
        @BreakerKey("stripe_payment_api")
        public void charge() {
            throw new IllegalStateException("stripe down");
        }

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
        @BreakerKey("fraud_check_api")
        public String score() {
            return "ok";
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(Payments.class)).build();

    @Inject
    @Readiness
    HealthCheck readiness;

    @Inject
    @Liveness
    HealthCheck liveness;

    @Inject
    @Any
    Instance<HealthCheck> all;

    @Inject
    Payments payments;

    @Inject
    CircuitBreakers breakers;

    @Test
    void readyAndLiveWithNothingOpen() {
        HealthCheckResponse ready = readiness.call();
        HealthCheckResponse live = liveness.call();

        assertEquals(BreakerReadinessCheck.NAME, ready.getName());
        assertEquals(HealthCheckResponse.Status.UP, ready.getStatus());
        Map<String, Object> data = data(ready);
        assertEquals(List.of("store", "degraded", "lastProblem", "openBreakers", "openKeys"), List.copyOf(data.keySet()));
        assertEquals("in-memory state store (state is local to this JVM)", data.get("store"));
        assertEquals(false, data.get("degraded"));
        assertEquals("", data.get("lastProblem"));
        assertEquals(0L, data.get("openBreakers"));
        assertEquals("", data.get("openKeys"));

        assertEquals(BreakerLivenessCheck.NAME, live.getName());
        assertEquals(HealthCheckResponse.Status.UP, live.getStatus());
        assertEquals(Map.of("openBreakers", 0L, "openKeys", ""), data(live));
    }

    @Test
    void anOpenBreakerIsReportedButKeepsTheInstanceReadyAndLive() {
        assertThrows(IllegalStateException.class, payments::charge);
        assertThrows(IllegalStateException.class, payments::charge);

        HealthCheckResponse ready = readiness.call();
        HealthCheckResponse live = liveness.call();

        assertEquals(HealthCheckResponse.Status.UP, ready.getStatus());
        assertEquals(1L, data(ready).get("openBreakers"));
        assertEquals("stripe_payment_api", data(ready).get("openKeys"));
        assertEquals(HealthCheckResponse.Status.UP, live.getStatus());
        assertEquals(Map.of("openBreakers", 1L, "openKeys", "stripe_payment_api"), data(live));

        breakers.open("fraud_check_api", java.time.Duration.ofMinutes(1));
        assertEquals("fraud_check_api, stripe_payment_api", data(liveness.call()).get("openKeys"));
        breakers.reset("stripe_payment_api");
        breakers.reset("fraud_check_api");
        assertEquals(0L, data(readiness.call()).get("openBreakers"));
    }

    @Test
    void exactlyOneReadinessAndOneLivenessCheck() {
        assertEquals(2, all.stream().count());
        assertTrue(all.select(Readiness.Literal.INSTANCE).isResolvable());
        assertTrue(all.select(Liveness.Literal.INSTANCE).isResolvable());
    }
}
