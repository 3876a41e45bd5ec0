package org.resilientcircuit.engine;

/**
 * Everything the engine needs to guard one method, resolved once at deployment. A policy that is
 * absent or disabled is null.
 *
 * @param name how messages name the method
 * @param asynchronous {@code @Asynchronous} is in effect
 * @param returnsCompletionStage the method returns a {@code CompletionStage} (else a {@code Future}
 *     when asynchronous)
 */
public record MethodPolicies(String name, boolean asynchronous, boolean returnsCompletionStage,
        FallbackPolicy fallback, RetrySettings retry, CircuitBreaker circuitBreaker, Long timeoutMillis,
        BulkheadSettings bulkhead) {

    /** @param applyOn which failures the fallback handles */
    public record FallbackPolicy(FallbackFunction function, ExceptionFilter applyOn) {
    }

    public record BulkheadSettings(int value, int waitingTaskQueue) {
    }

    /** True when no policy applies and the interceptor can call straight through. */
    public boolean passThrough() {
        return !asynchronous && fallback == null && retry == null && circuitBreaker == null && timeoutMillis == null
                && bulkhead == null;
    }
}
