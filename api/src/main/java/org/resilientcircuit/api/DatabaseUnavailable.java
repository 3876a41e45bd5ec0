package org.resilientcircuit.api;

import java.util.function.Predicate;

/**
 * True for a failure in which the database could not serve ({@link DatabaseFailures.Kind#UNAVAILABLE}: SQLState
 * class 08, class 53, 57P01 to 57P05): what a circuit breaker in front of a database should count, with
 * {@code @FailureWhen(exception = DatabaseUnavailable.class)}. Syntax errors, constraint violations and
 * exceptions without a JDBC exception in them then count as successes: the database answered.
 */
public final class DatabaseUnavailable implements Predicate<Throwable> {

    /** Creates the predicate; it has no state. */
    public DatabaseUnavailable() {
    }

    /**
     * Whether the database was unavailable.
     *
     * @param failure the exception the method threw
     * @return true if {@link DatabaseFailures#classify} says {@link DatabaseFailures.Kind#UNAVAILABLE}
     */
    @Override
    public boolean test(Throwable failure) {
        return DatabaseFailures.classify(failure) == DatabaseFailures.Kind.UNAVAILABLE;
    }
}
