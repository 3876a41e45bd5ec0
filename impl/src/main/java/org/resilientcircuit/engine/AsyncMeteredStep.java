package org.resilientcircuit.engine;

import java.util.concurrent.CompletionStage;

/** {@link MeteredStep} for an asynchronous chain: the call's outcome is its stage's completion. */
final class AsyncMeteredStep implements AsyncStep {

    private final MethodMetrics metrics;
    private final boolean fallbackDefined;
    private final AsyncStep next;

    AsyncMeteredStep(MethodMetrics metrics, boolean fallbackDefined, AsyncStep next) {
        this.metrics = metrics;
        this.fallbackDefined = fallbackDefined;
        this.next = next;
    }

    @Override
    public CompletionStage<Object> invoke(Call call) {
        return Stages.after(next.invoke(call),
                (value, failure) -> metrics.invocation(failure == null, MeteredStep.fallbackUse(fallbackDefined, call)));
    }
}
