package org.resilientcircuit.cdi.metrics;

import java.util.function.BooleanSupplier;

import org.resilientcircuit.engine.MethodMetrics;

/**
 * A method's metrics that are registered when the method first reports something (its first call, or
 * its breaker opening), not at deployment: the specification allows either. This is for registries
 * whose registration costs grow with what they already hold. SmallRye Metrics checks every metric it
 * holds on each registration, so registering all of a large deployment's metrics at once is quadratic:
 * 5,000 guarded methods (90,000 metrics) took minutes of deployment. Registered on first use, each
 * method pays for its own metrics once, at its first call, and methods never called cost nothing.
 *
 * <p>After the first event a call pays one volatile read here, then increments what the delegate holds.
 */
final class RegisteredOnFirstEvent implements MethodMetrics {

    private final MethodMetrics delegate;
    private final BooleanSupplier register;
    private volatile boolean registered;

    /**
     * @param delegate what the events go to once {@code register} has run
     * @param register registers the method's metrics, or returns false when the deployment's metrics are
     *     already unregistered (a call during shutdown must not leave metrics behind in the server's
     *     registry); may run more than once (concurrent first events), so it must be idempotent
     */
    RegisteredOnFirstEvent(MethodMetrics delegate, BooleanSupplier register) {
        this.delegate = delegate;
        this.register = register;
    }

    private MethodMetrics registered() {
        if (registered) {
            return delegate;
        }
        if (!register.getAsBoolean()) {
            return MethodMetrics.NONE;
        }
        registered = true;
        return delegate;
    }

    @Override
    public void invocation(boolean valueReturned, FallbackUse fallback) {
        registered().invocation(valueReturned, fallback);
    }

    @Override
    public void retried() {
        registered().retried();
    }

    @Override
    public void retryFinished(boolean retried, RetryResult result) {
        registered().retryFinished(retried, result);
    }

    @Override
    public void timeoutFinished(boolean timedOut, long nanos) {
        registered().timeoutFinished(timedOut, nanos);
    }

    @Override
    public void circuitBreakerFinished(BreakerResult result) {
        registered().circuitBreakerFinished(result);
    }

    @Override
    public void circuitBreakerOpened() {
        registered().circuitBreakerOpened();
    }

    @Override
    public void bulkheadCall(boolean accepted) {
        registered().bulkheadCall(accepted);
    }

    @Override
    public void bulkheadStarted() {
        registered().bulkheadStarted();
    }

    @Override
    public void bulkheadFinished(long nanos) {
        registered().bulkheadFinished(nanos);
    }

    @Override
    public void bulkheadQueued() {
        registered().bulkheadQueued();
    }

    @Override
    public void bulkheadWaited(boolean queued, long nanos) {
        registered().bulkheadWaited(queued, nanos);
    }
}
