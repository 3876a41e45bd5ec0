package org.resilientcircuit.cdi.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.resilientcircuit.api.CircuitBreakers;

/**
 * Liveness: always UP. Neither an open breaker nor an unreachable database is a reason to restart
 * an instance (a restart would not fix either, and the library runs on local state meanwhile); the
 * check reports the open breakers for whoever reads the health report.
 *
 * <p>Data: {@code openBreakers} and {@code openKeys} ({@link OpenBreakers}).
 */
public final class BreakerLivenessCheck implements HealthCheck {

    /** The name of the check in the health report. */
    public static final String NAME = "resilient-circuit-breakers";

    private final CircuitBreakers breakers;

    public BreakerLivenessCheck(CircuitBreakers breakers) {
        this.breakers = Objects.requireNonNull(breakers, "breakers");
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Object> data = new LinkedHashMap<>();
        OpenBreakers.addTo(data, breakers);
        return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(data));
    }
}
