package org.resilientcircuit.cdi.health;

import java.util.List;
import java.util.Map;

import org.resilientcircuit.api.BreakerStatus;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.spi.BreakerPhase;

/**
 * The breakers of this deployment that are not closed (OPEN, or HALF_OPEN: only a probe gets
 * through), as health data: {@code openBreakers}, their number, and {@code openKeys}, their keys
 * joined by {@code ", "} in key order, at most {@value #MAX_KEYS} of them (then {@code "... (N more)"}).
 */
final class OpenBreakers {

    static final String COUNT = "openBreakers";
    static final String KEYS = "openKeys";
    static final int MAX_KEYS = 50;

    private OpenBreakers() {
    }

    static void addTo(Map<String, Object> data, CircuitBreakers breakers) {
        List<String> open = breakers.all().stream()
                .filter(status -> status.phase() != BreakerPhase.CLOSED)
                .map(BreakerStatus::key)
                .sorted()
                .toList();
        data.put(COUNT, (long) open.size());
        String keys = String.join(", ", open.subList(0, Math.min(open.size(), MAX_KEYS)));
        data.put(KEYS, open.size() > MAX_KEYS ? keys + ", ... (" + (open.size() - MAX_KEYS) + " more)" : keys);
    }
}
