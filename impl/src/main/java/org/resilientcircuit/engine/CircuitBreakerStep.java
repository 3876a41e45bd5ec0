package org.resilientcircuit.engine;

/** {@code @CircuitBreaker} on a synchronous method. */
public final class CircuitBreakerStep implements Step {

    private final CircuitBreaker breaker;
    private final Step next;

    public CircuitBreakerStep(CircuitBreaker breaker, Step next) {
        this.breaker = breaker;
        this.next = next;
    }

    @Override
    public Object invoke(Call call) throws Exception {
        CircuitState admittedIn = breaker.acquire();
        Object result;
        try {
            result = next.invoke(call);
        } catch (Throwable failure) {
            breaker.record(admittedIn, failure);
            throw Failures.rethrow(failure);
        }
        breaker.record(admittedIn, null);
        return result;
    }
}
