package org.resilientcircuit.cdi.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.spi.StoreStatus;

/**
 * Readiness: UP unless the breaker state store is degraded, that is, a configured database cannot
 * be reached and this instance decides on its own local state, unseen by the fleet. Open breakers
 * do not make an instance unready: they protect it from a failing dependency, and taking instances
 * out of service for that would spread the outage.
 *
 * <p>Data: {@code store} (which store, never a password), {@code degraded}, {@code lastProblem}
 * (the last problem seen, {@code ""} if none; it stays after a recovery), {@code openBreakers} and
 * {@code openKeys} ({@link OpenBreakers}), and while stored rows cannot be understood,
 * {@code unreadableRows} (how many) and {@code unreadableKeys} ("key: what is wrong", by key), and
 * {@code notices} when the store cannot use something although it works (notifications that never
 * arrive). Neither makes the instance unready: every other key works, and polling carries changes.
 */
public final class BreakerReadinessCheck implements HealthCheck {

    /** The name of the check in the health report. */
    public static final String NAME = "resilient-circuit-store";

    private final CircuitBreakers breakers;

    public BreakerReadinessCheck(CircuitBreakers breakers) {
        this.breakers = Objects.requireNonNull(breakers, "breakers");
    }

    @Override
    public HealthCheckResponse call() {
        StoreStatus store = breakers.store();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("store", store.description());
        data.put("degraded", store.degraded());
        data.put("lastProblem", store.problem());
        if (!store.notices().isEmpty()) {
            data.put("notices", String.join(" ", store.notices()));
        }
        if (!store.unreadableRows().isEmpty()) {
            data.put("unreadableRows", (long) store.unreadableRows().size());
            data.put("unreadableKeys", unreadable(store.unreadableRows()));
        }
        OpenBreakers.addTo(data, breakers);
        // the constructor, not HealthCheckResponse.builder(): it needs no HealthCheckResponseProvider
        return new HealthCheckResponse(NAME, store.degraded() ? HealthCheckResponse.Status.DOWN
                : HealthCheckResponse.Status.UP, Optional.of(data));
    }

    private static String unreadable(Map<String, String> rows) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(rows).forEach((key, problem) -> text.append(text.length() == 0 ? "" : "; ")
                .append(key).append(": ").append(problem));
        return text.toString();
    }
}
