package org.resilientcircuit.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.Metric;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.resilientcircuit.cdi.FaultToleranceExtension;
import org.resilientcircuit.cdi.WithConfig;

import io.smallrye.metrics.SharedMetricRegistries;
import io.smallrye.metrics.legacyapi.LegacyMetricsExtension;

/**
 * The specification's metrics in MicroProfile Metrics (SmallRye Metrics), registered at each method's
 * first call in the base registry with the specification's tags and units, counted per call, off with
 * {@code MP_Fault_Tolerance_Metrics_Enabled=false}, and removed when the deployment stops.
 */
@ExtendWith(WithConfig.Properties.class)
class MicroProfileMetricsTest {

    private static final String ORDERS = MeteredMethod.nameOf(Orders.class, "place");
    private static final String QUEUE = MeteredMethod.nameOf(Orders.class, "queue");

    private WeldContainer container;

    @BeforeAll
    static void simpleRegistry() {
        System.setProperty("mp.metrics.prometheus.enabled", "false"); // no Prometheus library here
    }

    @AfterEach
    void stop() {
        if (container != null && container.isRunning()) {
            container.shutdown();
        }
    }

    @ApplicationScoped
    public static class Orders {
        @Retry(maxRetries = 1)
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
        @Timeout(5_000)
        @Fallback(fallbackMethod = "later", applyOn = IllegalStateException.class)
        public String place(boolean fail) throws IOException {
            if (fail) {
                throw new IOException("down");
            }
            return "placed";
        }

        public String later(boolean fail) {
            return "later";
        }

        @Asynchronous
        @Bulkhead(value = 1, waitingTaskQueue = 1)
        public CompletionStage<String> queue() {
            return CompletableFuture.completedFuture("queued");
        }
    }

    private Orders start() {
        container = new Weld().disableDiscovery().addExtension(new FaultToleranceExtension())
                .addExtension(new LegacyMetricsExtension()).addBeanClasses(Orders.class).initialize();
        return container.select(Orders.class).get();
    }

    private static void callBoth(Orders orders) throws Exception {
        assertEquals("placed", orders.place(false));
        assertEquals("queued", orders.queue().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    private static SortedMap<MetricID, Metric> ofMethod(String method) {
        return base().getMetrics((id, metric) -> method.equals(id.getTags().get("method")));
    }

    private static MetricRegistry base() {
        return SharedMetricRegistries.getOrCreate(MetricRegistry.BASE_SCOPE);
    }

    private static long count(String name, String method, Tag... tags) {
        Tag[] all = Arrays.copyOf(tags, tags.length + 1);
        all[tags.length] = new Tag("method", method);
        Counter counter = base().getCounter(new MetricID(name, all));
        assertNotNull(counter, name + " " + Arrays.toString(all) + " is registered");
        return counter.getCount();
    }

    @Test
    void everyMetricOfEveryPolicyIsRegisteredAtTheMethodsFirstCallAndCounted() throws Exception {
        Orders orders = start();
        assertTrue(ofMethod(ORDERS).isEmpty(), "nothing is registered before the method's first call");

        assertEquals("placed", orders.place(false));
        assertEquals(0, count("ft.retry.calls.total", ORDERS, new Tag("retried", "true"), new Tag("retryResult", "valueReturned")),
                "every applicable combination is registered at the first call, not only the ones it counted");
        assertNull(base().getCounter(new MetricID("ft.invocations.total", new Tag("method", ORDERS),
                new Tag("result", "valueReturned"), new Tag("fallback", "notDefined"))), "the method has a fallback");
        assertThrows(IOException.class, () -> orders.place(true)); // tried twice: the breaker opens
        assertThrows(CircuitBreakerOpenException.class, () -> orders.place(false)); // rejected twice

        assertEquals(1, count("ft.invocations.total", ORDERS, new Tag("result", "valueReturned"), new Tag("fallback", "notApplied")));
        assertEquals(2, count("ft.invocations.total", ORDERS, new Tag("result", "exceptionThrown"), new Tag("fallback", "notApplied")));
        assertEquals(0, count("ft.invocations.total", ORDERS, new Tag("result", "valueReturned"), new Tag("fallback", "applied")));
        assertEquals(1, count("ft.retry.calls.total", ORDERS, new Tag("retried", "false"), new Tag("retryResult", "valueReturned")));
        assertEquals(2, count("ft.retry.calls.total", ORDERS, new Tag("retried", "true"), new Tag("retryResult", "maxRetriesReached")));
        assertEquals(0, count("ft.retry.calls.total", ORDERS, new Tag("retried", "false"), new Tag("retryResult", "maxRetriesReached")));
        assertEquals(2, count("ft.retry.retries.total", ORDERS));
        assertEquals(3, count("ft.timeout.calls.total", ORDERS, new Tag("timedOut", "false")));
        assertEquals(0, count("ft.timeout.calls.total", ORDERS, new Tag("timedOut", "true")));
        assertEquals(1, count("ft.circuitbreaker.calls.total", ORDERS, new Tag("circuitBreakerResult", "success")));
        assertEquals(2, count("ft.circuitbreaker.calls.total", ORDERS, new Tag("circuitBreakerResult", "failure")));
        assertEquals(2, count("ft.circuitbreaker.calls.total", ORDERS, new Tag("circuitBreakerResult", "circuitBreakerOpen")));
        assertEquals(1, count("ft.circuitbreaker.opened.total", ORDERS));

        Histogram executions = base().getHistogram(new MetricID("ft.timeout.executionDuration", new Tag("method", ORDERS)));
        assertEquals(3, executions.getCount());
        Gauge<?> open = base().getGauge(new MetricID("ft.circuitbreaker.state.total", new Tag("method", ORDERS),
                new Tag("state", "open")));
        long openNanos = ((Number) open.getValue()).longValue();
        Thread.sleep(2);
        assertTrue(((Number) open.getValue()).longValue() > openNanos, "the open breaker's time grows");

        assertEquals("queued", orders.queue().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(1, count("ft.bulkhead.calls.total", QUEUE, new Tag("bulkheadResult", "accepted")));
        assertEquals(0L, base().getGauge(new MetricID("ft.bulkhead.executionsRunning", new Tag("method", QUEUE))).getValue());
        assertEquals(0L, base().getGauge(new MetricID("ft.bulkhead.executionsWaiting", new Tag("method", QUEUE))).getValue());
        assertEquals(1, base().getHistogram(new MetricID("ft.bulkhead.runningDuration", new Tag("method", QUEUE))).getCount());
        assertEquals(1, base().getHistogram(new MetricID("ft.bulkhead.waitingDuration", new Tag("method", QUEUE))).getCount());
        assertNull(base().getCounter(new MetricID("ft.invocations.total", new Tag("method", MeteredMethod.nameOf(Orders.class,
                "later")), new Tag("result", "valueReturned"), new Tag("fallback", "notDefined"))), "no policy, no metrics");
    }

    @Test
    void unitsAreTheSpecificationsAndStoreMetricsGoToTheVendorRegistry() throws Exception {
        callBoth(start());
        assertEquals(MetricUnits.NANOSECONDS, unit(base(), "ft.timeout.executionDuration"));
        assertEquals(MetricUnits.NANOSECONDS, unit(base(), "ft.circuitbreaker.state.total"));
        assertEquals(MetricUnits.NANOSECONDS, unit(base(), "ft.bulkhead.waitingDuration"));
        assertEquals(MetricUnits.NONE, unit(base(), "ft.invocations.total"));

        MetricRegistry vendor = SharedMetricRegistries.getOrCreate(MetricRegistry.VENDOR_SCOPE);
        for (String name : new String[] {"rc.store.transitions.written.total", "rc.store.transitions.lost.total",
                "rc.store.changes.received.total", "rc.store.roundtrips.total", "rc.store.errors.total"}) {
            assertEquals(0, vendor.getCounter(new MetricID(name)).getCount(), name);
        }
        assertEquals(0L, vendor.getGauge(new MetricID("rc.store.degraded")).getValue(), "the memory store is never degraded");
        assertEquals(MetricUnits.MILLISECONDS, unit(vendor, "rc.store.propagation.delay"));
    }

    @Test
    void stoppingTheDeploymentRemovesItsMetrics() throws Exception {
        callBoth(start());
        assertFalse(ofMethod(ORDERS).isEmpty());
        assertFalse(ofMethod(QUEUE).isEmpty());
        container.shutdown();

        assertTrue(ofMethod(ORDERS).isEmpty());
        assertTrue(ofMethod(QUEUE).isEmpty());
        assertNull(SharedMetricRegistries.getOrCreate(MetricRegistry.VENDOR_SCOPE).getMetadata("rc.store.degraded"));
    }

    @Test
    @WithConfig("MP_Fault_Tolerance_Metrics_Enabled=false")
    void theSpecificationsSwitchTurnsThemOff() throws Exception {
        Orders orders = start();
        assertEquals("placed", orders.place(false));

        assertTrue(base().getMetrics((id, metric) -> id.getName().startsWith("ft.")).isEmpty());
        assertTrue(SharedMetricRegistries.getOrCreate(MetricRegistry.VENDOR_SCOPE)
                .getMetrics((id, metric) -> id.getName().startsWith("rc.")).isEmpty());
    }

    private static String unit(MetricRegistry registry, String name) {
        Metadata metadata = registry.getMetadata(name);
        assertNotNull(metadata, name);
        Optional<String> unit = metadata.unit();
        return unit.orElse(MetricUnits.NONE);
    }
}
