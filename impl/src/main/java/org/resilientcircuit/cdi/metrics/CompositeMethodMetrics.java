package org.resilientcircuit.cdi.metrics;

import org.resilientcircuit.engine.MethodMetrics;

/** Both metrics systems at once: every event goes to each. */
final class CompositeMethodMetrics implements MethodMetrics {

    private final MethodMetrics first;
    private final MethodMetrics second;

    CompositeMethodMetrics(MethodMetrics first, MethodMetrics second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void invocation(boolean valueReturned, FallbackUse fallback) {
        first.invocation(valueReturned, fallback);
        second.invocation(valueReturned, fallback);
    }

    @Override
    public void retried() {
        first.retried();
        second.retried();
    }

    @Override
    public void retryFinished(boolean retried, RetryResult result) {
        first.retryFinished(retried, result);
        second.retryFinished(retried, result);
    }

    @Override
    public void timeoutFinished(boolean timedOut, long nanos) {
        first.timeoutFinished(timedOut, nanos);
        second.timeoutFinished(timedOut, nanos);
    }

    @Override
    public void circuitBreakerFinished(BreakerResult result) {
        first.circuitBreakerFinished(result);
        second.circuitBreakerFinished(result);
    }

    @Override
    public void circuitBreakerOpened() {
        first.circuitBreakerOpened();
        second.circuitBreakerOpened();
    }

    @Override
    public void bulkheadCall(boolean accepted) {
        first.bulkheadCall(accepted);
        second.bulkheadCall(accepted);
    }

    @Override
    public void bulkheadStarted() {
        first.bulkheadStarted();
        second.bulkheadStarted();
    }

    @Override
    public void bulkheadFinished(long nanos) {
        first.bulkheadFinished(nanos);
        second.bulkheadFinished(nanos);
    }

    @Override
    public void bulkheadQueued() {
        first.bulkheadQueued();
        second.bulkheadQueued();
    }

    @Override
    public void bulkheadWaited(boolean queued, long nanos) {
        first.bulkheadWaited(queued, nanos);
        second.bulkheadWaited(queued, nanos);
    }
}
