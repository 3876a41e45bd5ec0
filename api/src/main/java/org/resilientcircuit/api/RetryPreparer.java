package org.resilientcircuit.api;

/**
 * Runs before each retry of a {@code @Retry} method annotated {@link PrepareRetry}: to log, refresh a token, switch to
 * another replica.
 *
 * <p>It is called after the delay before the retry has been waited and right before the retry starts, on the thread
 * that starts it: for a synchronous method the caller's thread, for an asynchronous one a library thread working in
 * the caller's context. It is not called before the first attempt, nor when the retry ends instead. One instance
 * serves every call of a method, possibly on several threads at once, so an implementation must be thread-safe; the
 * retry waits for it, so it should be quick.
 *
 * <p>If it throws, the library logs the exception (a warning the first time an exception of that class comes from
 * this method's preparer, then at debug level) and the retry starts all the same.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class RefreshToken implements RetryPreparer {
 *     @Inject
 *     TokenSource tokens;
 *
 *     @Override
 *     public void prepare(UpcomingRetry retry) {
 *         if (retry.failure() instanceof Unauthorized) {
 *             tokens.refresh();
 *         }
 *     }
 * }
 * }</pre>
 *
 * @see PrepareRetry
 */
@FunctionalInterface
public interface RetryPreparer {

    /**
     * Prepares the retry that is about to start.
     *
     * @param retry which retry, and what caused it
     * @throws Exception anything; it is logged and the retry goes on
     */
    void prepare(UpcomingRetry retry) throws Exception;
}
