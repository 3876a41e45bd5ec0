package org.resilientcircuit.engine;

import java.util.concurrent.locks.LockSupport;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.resilientcircuit.engine.MethodMetrics.RetryResult;

/**
 * {@code @Retry} on a synchronous method: the calling thread waits out each delay. An attempt's exception, or
 * its result when {@code @RetryWhen.result} matches it, is retried; when the retry ends, the caller gets the
 * last attempt's outcome as it was. Before each retry, once the delay is over, {@code @PrepareRetry} runs here, on
 * the caller's thread, which then runs the attempt.
 */
public final class RetryStep implements Step {

    private final RetrySettings settings;
    private final Ticker ticker;
    private final MethodMetrics metrics;
    private final Step next;

    public RetryStep(RetrySettings settings, Ticker ticker, Step next) {
        this(settings, ticker, MethodMetrics.NONE, next);
    }

    public RetryStep(RetrySettings settings, Ticker ticker, MethodMetrics metrics, Step next) {
        this.settings = settings;
        this.ticker = ticker;
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public Object invoke(Call call) throws Exception {
        long start = ticker.nanoTime();
        for (int retries = 0;; retries++) {
            if (retries > 0) {
                metrics.retried();
            }
            Object value = null;
            Throwable failure = null;
            try {
                value = next.invoke(call);
            } catch (Throwable thrown) {
                failure = thrown;
            }
            RetryResult end = settings.end(value, failure, retries);
            long delay = 0;
            if (end == null) {
                delay = settings.delayNanos(retries + 1, failure);
                if (!settings.withinDuration(ticker.nanoTime() - start, delay)) {
                    // the next attempt would start after maxDuration: do not make the caller wait for nothing
                    end = RetryResult.MAX_DURATION_REACHED;
                }
            }
            if (end != null) {
                metrics.retryFinished(retries > 0, end);
                return outcome(value, failure);
            }
            try {
                sleep(delay, failure);
            } catch (Exception interrupted) {
                metrics.retryFinished(retries > 0, RetryResult.EXCEPTION_NOT_RETRYABLE);
                throw interrupted;
            }
            if (!settings.withinDuration(ticker.nanoTime() - start)) {
                metrics.retryFinished(retries > 0, RetryResult.MAX_DURATION_REACHED);
                return outcome(value, failure);
            }
            settings.prepare(call, retries + 1, value, failure, delay);
        }
    }

    private static Object outcome(Object value, Throwable failure) throws Exception {
        if (failure != null) {
            throw Failures.rethrow(failure);
        }
        return value;
    }

    private static void sleep(long nanos, Throwable lastFailure) throws Exception {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                // An interrupted caller wants out: no further attempt, the interrupt stays visible.
                Thread.currentThread().interrupt();
                if (lastFailure instanceof Exception exception) {
                    throw exception;
                }
                throw new FaultToleranceException("retry interrupted", lastFailure);
            }
        }
    }
}
