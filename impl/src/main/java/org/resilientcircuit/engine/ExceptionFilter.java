package org.resilientcircuit.engine;

import java.util.List;

/**
 * The specification's pair of exception lists ({@code failOn}/{@code skipOn},
 * {@code retryOn}/{@code abortOn}, {@code applyOn}/{@code skipOn}): the excluding list wins, then
 * the including list decides; a throwable in neither is not matched.
 */
public final class ExceptionFilter {

    private final List<Class<? extends Throwable>> include;
    private final List<Class<? extends Throwable>> exclude;

    public ExceptionFilter(List<Class<? extends Throwable>> include, List<Class<? extends Throwable>> exclude) {
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
    }

    /** Matches every throwable: the specification's defaults for {@code failOn} and {@code applyOn}. */
    public static ExceptionFilter all() {
        return new ExceptionFilter(List.of(Throwable.class), List.of());
    }

    public boolean test(Throwable failure) {
        return !anyMatches(exclude, failure) && anyMatches(include, failure);
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
