package org.resilientcircuit.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * {@code @Timeout} on an asynchronous method: the stage fails with a {@link TimeoutException} when
 * time is up, without waiting for the method; the thread running it is interrupted, and an
 * execution still waiting in a bulkhead queue never starts.
 */
public final class AsyncTimeoutStep implements AsyncStep {

    private final long timeoutMillis;
    private final Scheduler scheduler;
    private final AsyncStep next;

    public AsyncTimeoutStep(long timeoutMillis, Scheduler scheduler, AsyncStep next) {
        this.timeoutMillis = timeoutMillis;
        this.scheduler = scheduler;
        this.next = next;
    }

    @Override
    public CompletionStage<Object> invoke(Call call) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Attempt attempt = call.beginAttempt();
        Future<?> timer = scheduler.schedule(() -> {
            // Claim the outcome before interrupting, so the interrupted method cannot win the race.
            if (result.completeExceptionally(new TimeoutException("timed out after " + timeoutMillis + " ms"))) {
                attempt.abandon(true);
            }
        }, timeoutMillis * 1_000_000L);
        next.invoke(call).whenComplete((value, failure) -> {
            timer.cancel(false);
            Stages.complete(result, value, failure);
        });
        return result;
    }
}
