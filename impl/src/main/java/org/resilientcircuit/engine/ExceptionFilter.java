package org.resilientcircuit.engine;

import java.util.List;
import java.util.function.Predicate;

/**
 * The specification's pair of exception lists ({@code failOn}/{@code skipOn},
 * {@code retryOn}/{@code abortOn}, {@code applyOn}/{@code skipOn}): the excluding list wins, then
 * the including list decides; a throwable in neither is not matched. An optional condition (our
 * {@code @RetryWhen}/{@code @FailureWhen} exception predicate) narrows the including list further.
 */
public final class ExceptionFilter {

    private final List<Class<? extends Throwable>> include;
    private final List<Class<? extends Throwable>> exclude;
    private final Predicate<Throwable> condition;

    public ExceptionFilter(List<Class<? extends Throwable>> include, List<Class<? extends Throwable>> exclude) {
        this(include, exclude, failure -> true);
    }

    public ExceptionFilter(List<Class<? extends Throwable>> include, List<Class<? extends Throwable>> exclude,
            Predicate<Throwable> condition) {
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
        this.condition = condition;
    }

    /** Matches every throwable: the specification's defaults for {@code failOn} and {@code applyOn}. */
    public static ExceptionFilter all() {
        return new ExceptionFilter(List.of(Throwable.class), List.of());
    }

    public boolean test(Throwable failure) {
        return !anyMatches(exclude, failure) && anyMatches(include, failure) && condition.test(failure);
    }

    private static boolean anyMatches(List<Class<? extends Throwable>> types, Throwable failure) {
        for (Class<? extends Throwable> type : types) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }
}
