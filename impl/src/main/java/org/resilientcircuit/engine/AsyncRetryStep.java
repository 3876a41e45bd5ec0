package org.resilientcircuit.engine;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code @Retry} on an asynchronous method: delays are scheduled, no thread waits them out. */
public final class AsyncRetryStep implements AsyncStep {

    private final RetrySettings settings;
    private final Ticker ticker;
    private final Scheduler scheduler;
    private final AsyncStep next;

    public AsyncRetryStep(RetrySettings settings, Ticker ticker, Scheduler scheduler, AsyncStep next) {
        this.settings = settings;
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.next = next;
    }

    @Override
    public CompletionStage<Object> invoke(Call call) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        attempt(call, result, 0, ticker.nanoTime());
        return result;
    }

    private void attempt(Call call, CompletableFuture<Object> result, int retries, long start) {
        if (call.isCancelled()) {
            result.completeExceptionally(new CancellationException("guarded call cancelled"));
            return;
        }
        next.invoke(call).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            Throwable failure = Failures.unwrap(error);
            if (!settings.retryOn().test(failure) || !settings.mayRetry(retries)) {
                result.completeExceptionally(failure);
                return;
            }
            long delay = settings.delayNanos(retries + 1, failure);
            // Always hop threads: a stage that fails at once would otherwise recurse once per retry.
            scheduler.schedule(() -> {
                if (settings.withinDuration(ticker.nanoTime() - start)) {
                    attempt(call, result, retries + 1, start);
                } else {
                    result.completeExceptionally(failure);
                }
            }, delay);
        });
    }
}
