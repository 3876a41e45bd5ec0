package org.resilientcircuit.api;

import java.util.function.Predicate;

/**
 * Matches no value: the default of {@link RetryWhen#result()} and {@link FailureWhen#result()}, where no result
 * is retried or counted as a failure. Name it in configuration to switch a result predicate off, e.g.
 * {@code com.acme.Orders/charge/RetryWhen/result=org.resilientcircuit.api.Never}.
 */
public final class Never implements Predicate<Object> {

    /** Creates the predicate; it has no state. */
    public Never() {
    }

    /**
     * Always false.
     *
     * @param value any value, null included
     * @return false
     */
    @Override
    public boolean test(Object value) {
        return false;
    }
}
