package org.resilientcircuit.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.cdi.FaultToleranceExtension;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;

/**
 * The specification's metrics in MicroProfile Telemetry: through the container's {@code OpenTelemetry}
 * bean (here an SDK with an in-memory reader), with the instrument types, units and bucket boundaries
 * the specification gives for OpenTelemetry, and the store's metrics on the same meter.
 */
@EnableWeld
class TelemetryMetricsTest {

    private static final String CHECK = MeteredMethod.nameOf(Inventory.class, "check");
    private static final String RESERVE = MeteredMethod.nameOf(Inventory.class, "reserve");

    /** The server's OpenTelemetry, as MicroProfile Telemetry provides it. */
    @ApplicationScoped
    public static class Telemetry {
        final InMemoryMetricReader reader = InMemoryMetricReader.create();

        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return OpenTelemetrySdk.builder()
                    .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
        }

        InMemoryMetricReader reader() {
            return reader;
        }
    }

    @ApplicationScoped
    public static class Inventory {
        @CircuitBreaker(requestVolumeThreshold = 4, delay = 1, delayUnit = ChronoUnit.HOURS)
        @Timeout(5_000)
        public int check(boolean fail) {
            if (fail) {
                throw new IllegalStateException("down");
            }
            return 7;
        }

        @Asynchronous
        @Bulkhead(value = 2, waitingTaskQueue = 2)
        public CompletionStage<Integer> reserve() {
            return CompletableFuture.completedFuture(1);
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(Telemetry.class, Inventory.class)).build();

    private Map<String, MetricData> collect() {
        return weld.select(Telemetry.class).get().reader().collectAllMetrics().stream()
                .collect(Collectors.toMap(MetricData::getName, Function.identity()));
    }

    private static Attributes method(String name, String... keysAndValues) {
        var builder = Attributes.builder().put(AttributeKey.stringKey("method"), name);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return builder.build();
    }

    private static long sum(MetricData data, Attributes attributes) {
        return data.getLongSumData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes))
                .mapToLong(LongPointData::getValue).sum();
    }

    @Test
    void countersHistogramsAndUpDownCountersWithTheSpecificationsUnits() throws Exception {
        Inventory inventory = weld.select(Inventory.class).get();
        assertEquals(7, inventory.check(false));
        assertThrows(IllegalStateException.class, () -> inventory.check(true));
        assertEquals(1, inventory.reserve().toCompletableFuture().get(10, TimeUnit.SECONDS));

        Map<String, MetricData> metrics = collect();
        MetricData invocations = metrics.get("ft.invocations.total");
        assertEquals(MetricDataType.LONG_SUM, invocations.getType());
        assertTrue(invocations.getLongSumData().isMonotonic());
        assertEquals("", invocations.getUnit());
        assertEquals(1, sum(invocations, method(CHECK, "result", "valueReturned", "fallback", "notDefined")));
        assertEquals(1, sum(invocations, method(CHECK, "result", "exceptionThrown", "fallback", "notDefined")));
        assertEquals(1, sum(metrics.get("ft.circuitbreaker.calls.total"), method(CHECK, "circuitBreakerResult", "failure")));
        assertEquals(2, sum(metrics.get("ft.timeout.calls.total"), method(CHECK, "timedOut", "false")));

        MetricData duration = metrics.get("ft.timeout.executionDuration");
        assertEquals("seconds", duration.getUnit());
        HistogramPointData point = duration.getHistogramData().getPoints().iterator().next();
        assertEquals(2, point.getCount());
        assertEquals(MetricNames.SECONDS_BUCKETS, point.getBoundaries());

        MetricData states = metrics.get("ft.circuitbreaker.state.total");
        assertEquals("nanoseconds", states.getUnit());
        assertTrue(states.getLongSumData().isMonotonic());
        assertTrue(sum(states, method(CHECK, "state", "closed")) > 0);
        assertEquals(0, sum(states, method(CHECK, "state", "open")));

        MetricData running = metrics.get("ft.bulkhead.executionsRunning");
        assertFalse(running.getLongSumData().isMonotonic(), "an up-down counter");
        assertEquals(0, sum(running, method(RESERVE)));
        assertEquals(0, sum(metrics.get("ft.bulkhead.executionsWaiting"), method(RESERVE)));
        assertEquals(1, sum(metrics.get("ft.bulkhead.calls.total"), method(RESERVE, "bulkheadResult", "accepted")));
        assertEquals("seconds", metrics.get("ft.bulkhead.runningDuration").getUnit());
        assertEquals("seconds", metrics.get("ft.bulkhead.waitingDuration").getUnit());
    }

    @Test
    void theStoreMetricsShareTheMeter() {
        Map<String, MetricData> metrics = collect();

        MetricData degraded = metrics.get("rc.store.degraded");
        assertEquals(MetricDataType.LONG_GAUGE, degraded.getType());
        assertEquals(List.of(0L), degraded.getLongGaugeData().getPoints().stream().map(LongPointData::getValue).toList());
    }
}
