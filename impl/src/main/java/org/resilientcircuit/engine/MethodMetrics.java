package org.resilientcircuit.engine;

/**
 * What the chain of one guarded method reports for the specification's metrics. The engine knows
 * no metrics API: the glue hands {@link ChainBuilder} an implementation per method when metrics
 * are enabled and available, and {@link #NONE} otherwise, which the chain treats as "not metered"
 * (no outermost metrics step, no clock reads). Every method is called on the thread where the event
 * happens, must return at once and must not throw.
 */
public interface MethodMetrics {

    /** Records nothing; with it the chain skips the work of measuring. */
    MethodMetrics NONE = new MethodMetrics() {
    };

    /** How a call ended with respect to its {@code @Fallback}. */
    enum FallbackUse {
        APPLIED, NOT_APPLIED, NOT_DEFINED
    }

    /** Why the last attempt of a call was not retried. */
    enum RetryResult {
        VALUE_RETURNED, EXCEPTION_NOT_RETRYABLE, MAX_RETRIES_REACHED, MAX_DURATION_REACHED
    }

    /** How the circuit breaker judged one execution. */
    enum BreakerResult {
        SUCCESS, FAILURE, CIRCUIT_BREAKER_OPEN
    }

    /** A call of the method ended: with a value (else an exception), and whether a fallback gave it. */
    default void invocation(boolean valueReturned, FallbackUse fallback) {
    }

    /** A retry is about to start. */
    default void retried() {
    }

    /** The retry logic ended a call: whether it retried, and why it stopped. */
    default void retryFinished(boolean retried, RetryResult result) {
    }

    /** One execution under {@code @Timeout} ended, timed out or not, after {@code nanos}. */
    default void timeoutFinished(boolean timedOut, long nanos) {
    }

    /** The breaker admitted and judged an execution, or rejected it. */
    default void circuitBreakerFinished(BreakerResult result) {
    }

    /** The method's breaker moved from closed to open. */
    default void circuitBreakerOpened() {
    }

    /** The bulkhead admitted an execution (to run or to wait), or rejected it. */
    default void bulkheadCall(boolean accepted) {
    }

    /** An execution starts running inside the bulkhead. */
    default void bulkheadStarted() {
    }

    /** An execution that ran inside the bulkhead is done, after {@code nanos} of running. */
    default void bulkheadFinished(long nanos) {
    }

    /** An execution of an asynchronous method entered the bulkhead's queue. */
    default void bulkheadQueued() {
    }

    /**
     * An execution of an asynchronous method stopped waiting: it starts, or it left the queue
     * abandoned; {@code queued} tells whether it was in the queue at all (else it waited 0).
     */
    default void bulkheadWaited(boolean queued, long nanos) {
    }
}
