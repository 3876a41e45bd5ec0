package org.resilientcircuit.engine;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.resilientcircuit.engine.MethodMetrics.BreakerResult;

/** {@code @CircuitBreaker} on a synchronous method. */
public final class CircuitBreakerStep implements Step {

    private final CircuitBreaker breaker;
    private final MethodMetrics metrics;
    private final Step next;

    public CircuitBreakerStep(CircuitBreaker breaker, Step next) {
        this(breaker, MethodMetrics.NONE, next);
    }

    public CircuitBreakerStep(CircuitBreaker breaker, MethodMetrics metrics, Step next) {
        this.breaker = breaker;
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public Object invoke(Call call) throws Exception {
        CircuitState admittedIn;
        try {
            admittedIn = breaker.acquire();
        } catch (CircuitBreakerOpenException rejected) {
            metrics.circuitBreakerFinished(BreakerResult.CIRCUIT_BREAKER_OPEN);
            throw rejected;
        }
        Object result;
        try {
            result = next.invoke(call);
        } catch (Throwable failure) {
            judged(breaker.record(admittedIn, failure));
            throw Failures.rethrow(failure);
        }
        judged(breaker.recordResult(admittedIn, result));
        return result;
    }

    private void judged(boolean failure) {
        metrics.circuitBreakerFinished(failure ? BreakerResult.FAILURE : BreakerResult.SUCCESS);
    }
}
