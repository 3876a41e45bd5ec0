package org.resilientcircuit.engine;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the rest of an asynchronous chain on a worker thread, within the caller's context, recorded as
 * the attempt's runner. An
 * attempt abandoned before it started (cancelled, or timed out while it waited in a bulkhead queue)
 * does not run the method.
 */
final class Worker {

    private Worker() {
    }

    static void run(Call call, Attempt attempt, AsyncStep next, CompletableFuture<Object> result) {
        call.inCallersContext(() -> runHere(call, attempt, next, result));
    }

    private static void runHere(Call call, Attempt attempt, AsyncStep next, CompletableFuture<Object> result) {
        if (call.isCancelled() || !attempt.enter(Thread.currentThread())) {
            result.completeExceptionally(new CancellationException("guarded call abandoned before it started"));
            return;
        }
        try {
            Stages.relay(next.invoke(call), result);
        } catch (Throwable unexpected) {
            result.completeExceptionally(unexpected);
        } finally {
            attempt.exit();
        }
    }
}
