package org.resilientcircuit.api;

import java.util.function.Predicate;

/**
 * Matches every value: the default of {@link RetryWhen#exception()} and {@link FailureWhen#exception()}, where
 * it leaves the decision to the specification's exception lists alone. Name it in configuration to switch a
 * predicate off, e.g. {@code com.acme.Orders/charge/RetryWhen/exception=org.resilientcircuit.api.Always}.
 */
public final class Always implements Predicate<Object> {

    /** Creates the predicate; it has no state. */
    public Always() {
    }

    /**
     * Always true.
     *
     * @param value any value, null included
     * @return true
     */
    @Override
    public boolean test(Object value) {
        return true;
    }
}
