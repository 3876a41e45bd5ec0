package org.resilientcircuit.spi;

import java.util.Objects;

/**
 * Whether a store reaches what backs it.
 *
 * @param description which store, which database (never a password)
 * @param degraded true while the instance runs on local state because the store cannot be reached
 * @param problem the last problem seen, or {@code ""}
 */
public record StoreStatus(String description, boolean degraded, String problem) {

    public StoreStatus {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(problem, "problem");
    }
}
