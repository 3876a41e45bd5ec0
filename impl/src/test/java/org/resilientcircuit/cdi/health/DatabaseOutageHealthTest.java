package org.resilientcircuit.cdi.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.resilientcircuit.cdi.health.HealthTestSupport.data;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

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
import org.postgresql.Driver;
import org.resilientcircuit.api.BreakerKey;
import org.resilientcircuit.cdi.FaultToleranceExtension;
import org.resilientcircuit.store.postgres.TestDatabase;
import org.resilientcircuit.testing.Await;
import org.resilientcircuit.testing.TcpProxy;

/**
 * A working PostgreSQL store behind a TCP proxy: ready; the connection cut, not ready (the store is
 * degraded); the connection back, ready again. Waits are bounded.
 */
@EnableWeld
class DatabaseOutageHealthTest {

    private static final Map<String, String> CONFIG = new HashMap<>();
    private static TestDatabase db;
    private static TcpProxy proxy;

    @ApplicationScoped
    public static class Payments {
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
        @BreakerKey("stripe_payment_api")
        public String charge() {
            return "charged";
        }
    }

    @BeforeAll
    static void databaseBehindAProxy() throws IOException {
        db = TestDatabase.create(DatabaseOutageHealthTest.class);
        db.applySchema();
        Properties server = Driver.parseURL(db.jdbcUrl(), null);
        proxy = new TcpProxy(server.getProperty("PGHOST"), Integer.parseInt(server.getProperty("PGPORT")));
        CONFIG.putAll(Map.of("rc.db.host", "127.0.0.1", "rc.db.port", Integer.toString(proxy.port()),
                "rc.db.name", db.name(), "rc.db.user", server.getProperty("user", System.getProperty("user.name")),
                "rc.poll.interval", "100", "rc.store.timeout", "300"));
        if (server.getProperty("password") != null) {
            CONFIG.put("rc.db.password", server.getProperty("password"));
        }
        HealthTestSupport.configure(CONFIG);
    }

    @AfterAll
    static void cleanUp() {
        HealthTestSupport.unconfigure(CONFIG.keySet());
        if (proxy != null) {
            proxy.close();
        }
        if (db != null) {
            db.close();
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
    Payments payments;

    @Test
    void downWhileTheDatabaseIsAwayAndUpWhenItIsBack() {
        assertEquals("charged", payments.charge());
        HealthCheckResponse ready = readiness.call();
        assertEquals(HealthCheckResponse.Status.UP, ready.getStatus(), data(ready).toString());
        assertEquals(false, data(ready).get("degraded"));
        assertTrue(((String) data(ready).get("store")).contains(", database " + db.name() + ", user "), data(ready).toString());

        proxy.cut();
        Await.until(() -> readiness.call().getStatus() == HealthCheckResponse.Status.DOWN, 10,
                "readiness is DOWN once the connection is cut");
        assertEquals(true, data(readiness.call()).get("degraded"));
        assertTrue(!((String) data(readiness.call()).get("lastProblem")).isEmpty());
        assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus());
        assertEquals("charged", payments.charge(), "guarded calls go on with local state");

        proxy.restore();
        Await.until(() -> readiness.call().getStatus() == HealthCheckResponse.Status.UP, 15,
                "readiness is UP again once the database is back");
        assertEquals(false, data(readiness.call()).get("degraded"));
        assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus());
    }
}
