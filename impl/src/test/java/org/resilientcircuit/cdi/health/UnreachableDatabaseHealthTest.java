package org.resilientcircuit.cdi.health;

import org.resilientcircuit.testing.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.resilientcircuit.cdi.health.HealthTestSupport.data;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.api.BreakerKey;
import org.resilientcircuit.cdi.FaultToleranceExtension;

/** A configured database on a port nothing listens on: the store is degraded, so the instance is not ready, yet live. */
@EnableWeld
class UnreachableDatabaseHealthTest {

    private static final Map<String, String> CONFIG = new java.util.HashMap<>();

    @ApplicationScoped
    public static class Payments {
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
        @BreakerKey("stripe_payment_api")
        public void charge() {
            throw new IllegalStateException("stripe down");
        }
    }

    @BeforeAll
    static void configureAClosedPort() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CONFIG.putAll(Map.of("rc.db.host", "127.0.0.1", "rc.db.port", Integer.toString(closedPort),
                "rc.db.name", "rc_nowhere", "rc.db.user", "nobody", "rc.db.password", "s3cret-Pa55",
                "rc.poll.interval", "100", "rc.store.timeout", "200"));
        HealthTestSupport.configure(CONFIG);
    }

    @AfterAll
    static void unconfigure() {
        HealthTestSupport.unconfigure(CONFIG.keySet());
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
    Payments payments;

    @Test
    void notReadyWhileTheStoreIsDegradedButLive() {
        Await.until(() -> readiness.call().getStatus() == HealthCheckResponse.Status.DOWN, 10,
                "readiness is DOWN");

        HealthCheckResponse ready = readiness.call();
        Map<String, Object> data = data(ready);
        assertEquals(BreakerReadinessCheck.NAME, ready.getName());
        assertEquals(true, data.get("degraded"));
        assertTrue(((String) data.get("store")).startsWith("PostgreSQL state store at host 127.0.0.1:"
                + CONFIG.get("rc.db.port") + ", database rc_nowhere, user nobody, TLS prefer (server not verified),"
                + " target server any"), data.toString());
        assertTrue(((String) data.get("lastProblem")).contains("refused"), data.toString());
        assertFalse(data.toString().contains("s3cret"), data.toString());
        assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus());
    }

    @Test
    void openBreakersAreReportedWhileDegraded() {
        for (int i = 0; i < 2; i++) {
            try {
                payments.charge();
            } catch (IllegalStateException expected) {
                // counted
            }
        }
        Await.until(() -> readiness.call().getStatus() == HealthCheckResponse.Status.DOWN, 10,
                "readiness is DOWN");
        assertEquals(1L, data(readiness.call()).get("openBreakers"));
        assertEquals("stripe_payment_api", data(readiness.call()).get("openKeys"));
        HealthCheckResponse live = liveness.call();
        assertEquals(HealthCheckResponse.Status.UP, live.getStatus());
        assertEquals(Map.of("openBreakers", 1L, "openKeys", "stripe_payment_api"), data(live));
    }
}
