package org.resilientcircuit.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.resilientcircuit.engine.MethodMetrics.BreakerResult;

/** {@code @CircuitBreaker} on an asynchronous method: the outcome is the completion of the stage. */
public final class AsyncCircuitBreakerStep implements AsyncStep {

    private final CircuitBreaker breaker;
    private final MethodMetrics metrics;
    private final AsyncStep next;

    public AsyncCircuitBreakerStep(CircuitBreaker breaker, AsyncStep next) {
        this(breaker, MethodMetrics.NONE, next);
    }

    public AsyncCircuitBreakerStep(CircuitBreaker breaker, MethodMetrics metrics, AsyncStep next) {
        this.breaker = breaker;
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public CompletionStage<Object> invoke(Call call) {
        CircuitState admittedIn;
        try {
            admittedIn = breaker.acquire();
        } catch (CircuitBreakerOpenException rejected) {
            metrics.circuitBreakerFinished(BreakerResult.CIRCUIT_BREAKER_OPEN);
            return CompletableFuture.failedFuture(rejected);
        }
        return Stages.after(next.invoke(call), (value, failure) -> {
            boolean failed = failure == null ? breaker.recordResult(admittedIn, value)
                    : breaker.record(admittedIn, Failures.unwrap(failure));
            metrics.circuitBreakerFinished(failed ? BreakerResult.FAILURE : BreakerResult.SUCCESS);
        });
    }
}
