package org.resilientcircuit.engine;

import org.resilientcircuit.engine.MethodMetrics.FallbackUse;

/**
 * The outermost step of a synchronous chain when metrics are on: counts each call by its outcome
 * and whether a fallback gave it. Absent from the chain when metrics are off.
 */
final class MeteredStep implements Step {

    private final MethodMetrics metrics;
    private final boolean fallbackDefined;
    private final Step next;

    MeteredStep(MethodMetrics metrics, boolean fallbackDefined, Step next) {
        this.metrics = metrics;
        this.fallbackDefined = fallbackDefined;
        this.next = next;
    }

    @Override
    public Object invoke(Call call) throws Exception {
        Object result;
        try {
            result = next.invoke(call);
        } catch (Throwable failure) {
            metrics.invocation(false, fallbackUse(fallbackDefined, call));
            throw Failures.rethrow(failure);
        }
        metrics.invocation(true, fallbackUse(fallbackDefined, call));
        return result;
    }

    static FallbackUse fallbackUse(boolean fallbackDefined, Call call) {
        if (!fallbackDefined) {
            return FallbackUse.NOT_DEFINED;
        }
        return call.fallbackApplied() ? FallbackUse.APPLIED : FallbackUse.NOT_APPLIED;
    }
}
