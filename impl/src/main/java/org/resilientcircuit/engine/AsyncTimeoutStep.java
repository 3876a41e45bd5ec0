package org.resilientcircuit.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * {@code @Timeout} on an asynchronous method: the stage fails with a {@link TimeoutException} when
 * time is up, without waiting for the method; the thread running it is interrupted, and an
 * execution still waiting in a bulkhead queue never starts.
 */
public final class AsyncTimeoutStep implements AsyncStep {

    private final long timeoutMillis;
    private final Scheduler scheduler;
    private final MethodMetrics metrics;
    private final Ticker ticker;
    private final boolean metered;
    private final AsyncStep next;

    public AsyncTimeoutStep(long timeoutMillis, Scheduler scheduler, AsyncStep next) {
        this(timeoutMillis, scheduler, MethodMetrics.NONE, Ticker.SYSTEM, next);
    }

    public AsyncTimeoutStep(long timeoutMillis, Scheduler scheduler, MethodMetrics metrics, Ticker ticker,
            AsyncStep next) {
        this.timeoutMillis = timeoutMillis;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.ticker = ticker;
        this.metered = metrics != MethodMetrics.NONE;
        this.next = next;
    }

    @Override
    public CompletionStage<Object> invoke(Call call) {
        long start = metered ? ticker.nanoTime() : 0;
        CompletableFuture<Object> result = new CompletableFuture<>();
        AtomicBoolean decided = new AtomicBoolean();
        Attempt attempt = call.beginAttempt();
        // In the caller's context: completing the result runs what follows (a fallback, a retry) here.
        Future<?> timer = scheduler.schedule(() -> call.inCallersContext(() -> {
            if (decided.compareAndSet(false, true)) {
                // The timeout has won: whatever the attempt does now (an interrupted method's
                // exception, leaving the bulkhead queue) is ignored below. It leaves the queue before
                // the caller learns of the timeout, so the caller's next call finds the place free.
                attempt.abandon(true);
                if (metered) {
                    metrics.timeoutFinished(true, ticker.nanoTime() - start);
                }
                result.completeExceptionally(new TimeoutException("timed out after " + timeoutMillis + " ms"));
            }
        }), timeoutMillis * 1_000_000L);
        next.invoke(call).whenComplete((value, failure) -> {
            if (decided.compareAndSet(false, true)) {
                timer.cancel(false);
                if (metered) {
                    metrics.timeoutFinished(false, ticker.nanoTime() - start);
                }
                Stages.complete(result, value, failure);
            }
        });
        return result;
    }
}
