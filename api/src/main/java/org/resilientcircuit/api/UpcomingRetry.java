package org.resilientcircuit.api;

import java.lang.reflect.Method;
import java.time.Duration;

/**
 * The retry that is about to start, as a {@link RetryPreparer} or a {@link PrepareRetry#method()} sees it: which retry
 * it is, what the previous attempt ended with, and how long the library waited before it.
 *
 * <p>The previous attempt either threw ({@link #failure()} is not null) or returned a result that
 * {@link RetryWhen#result()} matched ({@link #failure()} is null and {@link #result()} is that result, possibly null).
 */
public interface UpcomingRetry {

    /**
     * Which retry this is, counted as {@link BackoffStrategy} counts them.
     *
     * @return 1 before the first retry (the second attempt), 2 before the second, ...
     */
    int number();

    /**
     * What the previous attempt threw.
     *
     * @return the exception (without {@code CompletionException} around it); null when the attempt returned a result
     *     that is retried
     */
    Throwable failure();

    /**
     * What the previous attempt returned, when a result caused the retry.
     *
     * @return the result {@link RetryWhen#result()} matched (for a {@code CompletionStage} method, the stage's value);
     *     null when {@link #failure()} is not null, or when the result itself was null
     */
    Object result();

    /**
     * The guarded method.
     *
     * @return the business method annotated with (or in a class annotated with) {@code @Retry}
     */
    Method method();

    /**
     * The delay the library waited before this retry: the backoff's, with {@code @Retry.jitter} applied.
     *
     * @return zero or more; the wait is over when the preparer is called
     */
    Duration delay();
}
