package org.resilientcircuit.tck;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The environment the metrics TCK tests run in, as a server would set it up: no OpenTelemetry
 * exporter (the defaults of SmallRye OpenTelemetry name OTLP, which is not on the class path; the
 * TCK reads metrics with its own in-memory reader, which it registers whatever the exporter), and
 * SmallRye Metrics on its simple registry (no Prometheus library on the class path). The TCK's own
 * settings ({@code otel.sdk.disabled=false}, ...) are in each deployment's
 * {@code microprofile-config.properties}, which wins over this source.
 */
public class MetricsEnvironmentConfigSource implements ConfigSource {

    private static final Map<String, String> PROPERTIES = Map.of(
            "otel.metrics.exporter", "none",
            "otel.traces.exporter", "none",
            "otel.logs.exporter", "none",
            "mp.metrics.prometheus.enabled", "false");

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String name) {
        return PROPERTIES.get(name);
    }

    @Override
    public String getName() {
        return "resilient-circuit TCK metrics environment";
    }

    @Override
    public int getOrdinal() {
        return 50; // below system properties and the deployment's own microprofile-config.properties
    }
}
