package org.resilientcircuit.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** {@code @Asynchronous} without a bulkhead: the rest of the chain runs on a library thread. */
public final class OffloadStep implements AsyncStep {

    private final Executor executor;
    private final AsyncStep next;

    public OffloadStep(Executor executor, AsyncStep next) {
        this.executor = executor;
        this.next = next;
    }

    @Override
    public CompletionStage<Object> invoke(Call call) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        try {
            Attempt attempt = call.currentAttempt();
            executor.execute(() -> Worker.run(call, attempt, next, result));
        } catch (RejectedExecutionException shuttingDown) {
            result.completeExceptionally(shuttingDown);
        }
        return result;
    }
}
