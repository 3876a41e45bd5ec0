package org.resilientcircuit.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.api.BreakerDataSource;
import org.resilientcircuit.api.BreakerKey;
import org.resilientcircuit.cdi.FaultToleranceExtension;
import org.resilientcircuit.store.postgres.TestDatabase;
import org.resilientcircuit.testing.Await;

import io.smallrye.metrics.SharedMetricRegistries;
import io.smallrye.metrics.legacyapi.LegacyMetricsExtension;

/**
 * The store's metrics fed by the real PostgreSQL store: the runtime hands the store its observer
 * once, at startup, and what the store then reports (a transition it wrote, round trips) shows in
 * the vendor registry. Nothing here calls the observer but the store.
 */
class StoreMetricsTest {

    private static TestDatabase db;
    private static final String NAMESPACE = "store-metrics-" + UUID.randomUUID();

    private WeldContainer container;

    @BeforeAll
    static void database() {
        System.setProperty("mp.metrics.prometheus.enabled", "false");
        db = TestDatabase.create(StoreMetricsTest.class);
        db.applySchema();
        System.setProperty("rc.namespace", NAMESPACE);
    }

    @AfterAll
    static void dropDatabase() {
        System.clearProperty("rc.namespace");
        if (db != null) {
            db.close();
        }
    }

    @AfterEach
    void stop() {
        if (container != null && container.isRunning()) {
            container.shutdown();
        }
    }

    @ApplicationScoped
    public static class Shipping {
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
        @BreakerKey("carrier_api")
        public void book() {
            throw new IllegalStateException("carrier down");
        }
    }

    @ApplicationScoped
    public static class Database {
        @Produces
        @BreakerDataSource
        DataSource breakers() {
            return db.dataSource();
        }
    }

    private static long vendorCount(String name) {
        Counter counter = SharedMetricRegistries.getOrCreate(MetricRegistry.VENDOR_SCOPE).getCounter(new MetricID(name));
        return counter == null ? -1 : counter.getCount();
    }

    @Test
    void aTransitionTheStoreWroteIsCounted() {
        container = new Weld().disableDiscovery().addExtension(new FaultToleranceExtension())
                .addExtension(new LegacyMetricsExtension()).addBeanClasses(Shipping.class, Database.class).initialize();
        Shipping shipping = container.select(Shipping.class).get();
        assertEquals(0, vendorCount("rc.store.transitions.written.total"));

        assertThrows(IllegalStateException.class, shipping::book);
        assertThrows(IllegalStateException.class, shipping::book); // opens: one transition to write

        Await.until(() -> vendorCount("rc.store.transitions.written.total") == 1, 10, "the transition is written");
        Await.until(() -> vendorCount("rc.store.roundtrips.total") > 0, 10, "round trips are counted");
        assertEquals(0, vendorCount("rc.store.transitions.lost.total"));
        assertEquals(0L, SharedMetricRegistries.getOrCreate(MetricRegistry.VENDOR_SCOPE)
                .getGauge(new MetricID("rc.store.degraded")).getValue());
    }
}
