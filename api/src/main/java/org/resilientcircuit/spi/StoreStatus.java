package org.resilientcircuit.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a store reaches what backs it. An application reads it from
 * {@link org.resilientcircuit.api.CircuitBreakers#store()}; the library's readiness check (where the
 * server has MicroProfile Health) is DOWN while it is degraded.
 *
 * <pre>{@code
 * StoreStatus store = breakers.store();
 * if (store.degraded()) {
 *     log.warning("breaker state is local only: " + store.problem());
 * }
 * }</pre>
 *
 * @param description which store, which database (never a password)
 * @param degraded true while the instance runs on local state because the store cannot be reached
 * @param problem the last problem seen, or {@code ""}
 * @param unreadableRows the keys whose stored rows cannot be understood, with what is wrong with
 *     each; those keys are not followed until their rows are repaired, every other key is
 * @param notices what the store cannot use although it is not degraded, one sentence each (for
 *     example notifications that never arrive, so that changes travel only by polling)
 */
public record StoreStatus(String description, boolean degraded, String problem, Map<String, String> unreadableRows,
        List<String> notices) {

    /**
     * Checks the components and copies the map and the list.
     *
     * @param description which store, which database (never a password)
     * @param degraded true while the instance runs on local state
     * @param problem the last problem seen, or {@code ""}
     * @param unreadableRows the keys whose stored rows cannot be understood, with what is wrong with each
     * @param notices what the store cannot use although it is not degraded, one sentence each
     * @throws NullPointerException if any component is null
     */
    public StoreStatus {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(problem, "problem");
        unreadableRows = Map.copyOf(unreadableRows);
        notices = List.copyOf(notices);
    }

    /**
     * A status without unreadable rows or notices.
     *
     * @param description which store, which database (never a password)
     * @param degraded true while the instance runs on local state because the store cannot be reached
     * @param problem the last problem seen, or {@code ""}
     */
    public StoreStatus(String description, boolean degraded, String problem) {
        this(description, degraded, problem, Map.of(), List.of());
    }
}
