package org.resilientcircuit.engine;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.resilientcircuit.engine.MethodMetrics.RetryResult;

/**
 * {@code @Retry} on an asynchronous method: delays are scheduled, no thread waits them out. The stage's
 * exception, or its value when {@code @RetryWhen.result} matches it, is retried. {@code @PrepareRetry} runs on the
 * scheduler's thread that starts the retry, in the caller's context, before the attempt goes down the chain.
 */
public final class AsyncRetryStep implements AsyncStep {

    private final RetrySettings settings;
    private final Ticker ticker;
    private final Scheduler scheduler;
    private final MethodMetrics metrics;
    private final AsyncStep next;

    public AsyncRetryStep(RetrySettings settings, Ticker ticker, Scheduler scheduler, AsyncStep next) {
        this(settings, ticker, scheduler, MethodMetrics.NONE, next);
    }

    public AsyncRetryStep(RetrySettings settings, Ticker ticker, Scheduler scheduler, MethodMetrics metrics,
            AsyncStep next) {
        this.settings = settings;
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.metrics = metrics;
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
            metrics.retryFinished(retries > 0, RetryResult.EXCEPTION_NOT_RETRYABLE);
            result.completeExceptionally(new CancellationException("guarded call cancelled"));
            return;
        }
        next.invoke(call).whenComplete((value, error) -> {
            Throwable failure = error == null ? null : Failures.unwrap(error);
            RetryResult end = settings.end(value, failure, retries);
            long delay = end == null ? settings.delayNanos(retries + 1, failure) : 0;
            if (end == null && !settings.withinDuration(ticker.nanoTime() - start, delay)) {
                // the next attempt would start after maxDuration: do not make the caller wait for nothing
                end = RetryResult.MAX_DURATION_REACHED;
            }
            if (end != null) {
                metrics.retryFinished(retries > 0, end);
                complete(result, value, failure);
                return;
            }
            // Always hop threads: a stage that fails at once would otherwise recurse once per retry.
            // In the caller's context: the next attempt is submitted from here, long after the caller left.
            scheduler.schedule(() -> call.inCallersContext(() -> {
                if (settings.withinDuration(ticker.nanoTime() - start)) {
                    if (!call.isCancelled()) {
                        settings.prepare(call, retries + 1, value, failure, delay);
                    }
                    metrics.retried();
                    attempt(call, result, retries + 1, start);
                } else {
                    metrics.retryFinished(retries > 0, RetryResult.MAX_DURATION_REACHED);
                    complete(result, value, failure);
                }
            }), delay);
        });
    }

    private static void complete(CompletableFuture<Object> result, Object value, Throwable failure) {
        if (failure != null) {
            result.completeExceptionally(failure);
        } else {
            result.complete(value);
        }
    }
}
