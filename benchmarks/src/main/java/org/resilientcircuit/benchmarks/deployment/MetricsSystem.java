package org.resilientcircuit.benchmarks.deployment;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.internal.SdkMeterProviderUtil;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.smallrye.metrics.SharedMetricRegistries;
import io.smallrye.metrics.legacyapi.LegacyMetricsExtension;

/**
 * The metrics system a measured deployment has, given to its container explicitly (discovery is off):
 * none; MicroProfile Metrics (SmallRye Metrics' CDI extension, as impl's tests use it); or MicroProfile
 * Telemetry (an {@code OpenTelemetry} bean over the OpenTelemetry SDK with an in-memory reader, as a server
 * would provide one). Each can say for how many methods the library registered the breaker metrics, to
 * check that the deployment measured really registered them.
 */
public enum MetricsSystem {

    NONE("none"),
    MP_METRICS("mp-metrics"),
    TELEMETRY("telemetry");

    /** A metric every method with {@code @CircuitBreaker} has, one series per method. */
    static final String PER_BREAKER_METRIC_MP = "ft.circuitbreaker.opened.total";
    static final String PER_BREAKER_METRIC_OTEL = "ft.circuitbreaker.state.total";

    /** Attribute sets per OpenTelemetry instrument: room for 100,000 breakers' state. */
    static final int CARDINALITY_LIMIT = 300_000;

    private final String parameter;

    MetricsSystem(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    public static MetricsSystem of(String parameter) {
        return Arrays.stream(values()).filter(system -> system.parameter.equals(parameter)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metrics system '" + parameter + "', expected one of "
                        + Arrays.stream(values()).map(MetricsSystem::parameter).toList()));
    }

    /** This system, ready to be given to one container. */
    Instance start() {
        return switch (this) {
            case NONE -> new Instance(List.of(), () -> 0, () -> { });
            case MP_METRICS -> new Instance(List.of(new LegacyMetricsExtension()), MetricsSystem::mpMeteredMethods,
                    () -> { });
            case TELEMETRY -> {
                InMemoryMetricReader reader = InMemoryMetricReader.create();
                // The SDK keeps 2,000 attribute sets per instrument by default and folds the rest into one overflow
                // series: 5,000 breakers need 15,000 for their state alone. A server would raise it the same way.
                SdkMeterProviderBuilder meters = SdkMeterProvider.builder();
                SdkMeterProviderUtil.registerMetricReaderWithCardinalitySelector(meters, reader,
                        instrumentType -> CARDINALITY_LIMIT);
                OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setMeterProvider(meters.build()).build();
                yield new Instance(List.of(new OpenTelemetryBean(sdk)), () -> otelMeteredMethods(reader), sdk::close);
            }
        };
    }

    /**
     * One started system.
     *
     * @param extensions the CDI extensions that bring it into a container
     * @param meteredBreakerMethods the distinct {@code method} tags of the per-breaker metric: the methods whose
     *        metrics the library registered (0 without a system)
     * @param close releases what was started
     */
    record Instance(List<Extension> extensions, IntSupplier meteredBreakerMethods, Runnable close) {
    }

    private static int mpMeteredMethods() {
        MetricRegistry base = SharedMetricRegistries.getOrCreate(MetricRegistry.BASE_SCOPE);
        Set<String> methods = base.getMetricIDs().stream()
                .filter(id -> id.getName().equals(PER_BREAKER_METRIC_MP))
                .map(MetricID::getTags).map(tags -> tags.get("method")).collect(Collectors.toSet());
        return methods.size();
    }

    private static int otelMeteredMethods(InMemoryMetricReader reader) {
        Set<String> methods = reader.collectAllMetrics().stream()
                .filter(data -> data.getName().equals(PER_BREAKER_METRIC_OTEL))
                .map(MetricData::getLongSumData).flatMap(sum -> sum.getPoints().stream())
                .map(point -> point.getAttributes().get(AttributeKey.stringKey("method")))
                .collect(Collectors.toSet());
        return methods.size();
    }

    /** Makes an {@code OpenTelemetry} bean of the SDK given, as a server with MicroProfile Telemetry has one. */
    public static final class OpenTelemetryBean implements Extension {

        private final OpenTelemetry openTelemetry;

        OpenTelemetryBean(OpenTelemetry openTelemetry) {
            this.openTelemetry = openTelemetry;
        }

        void add(@Observes AfterBeanDiscovery event) {
            event.addBean().types(OpenTelemetry.class, Object.class).scope(Dependent.class)
                    .createWith(context -> openTelemetry);
        }
    }
}
