package org.resilientcircuit.api;

import java.util.function.Predicate;

/**
 * True for a failure in which the transaction lost to another one ({@link DatabaseFailures.Kind#CONFLICT}:
 * SQLState 40001, serialization failure, or 40P01, deadlock detected), and running it again may succeed: what
 * to retry, with {@code @RetryWhen(exception = DatabaseConflict.class)}. A failure in which the database was
 * also unavailable is not a conflict.
 */
public final class DatabaseConflict implements Predicate<Throwable> {

    /** Creates the predicate; it has no state. */
    public DatabaseConflict() {
    }

    /**
     * Whether the transaction lost to a concurrent one.
     *
     * @param failure the exception the method threw
     * @return true if {@link DatabaseFailures#classify} says {@link DatabaseFailures.Kind#CONFLICT}
     */
    @Override
    public boolean test(Throwable failure) {
        return DatabaseFailures.classify(failure) == DatabaseFailures.Kind.CONFLICT;
    }
}
