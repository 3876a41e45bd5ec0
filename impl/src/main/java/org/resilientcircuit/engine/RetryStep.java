package org.resilientcircuit.engine;

import java.util.concurrent.locks.LockSupport;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.resilientcircuit.engine.MethodMetrics.RetryResult;

/** {@code @Retry} on a synchronous method: the calling thread waits out each delay. */
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
            try {
                Object result = next.invoke(call);
                metrics.retryFinished(retries > 0, RetryResult.VALUE_RETURNED);
                return result;
            } catch (Throwable failure) {
                if (!settings.retryOn().test(failure)) {
                    metrics.retryFinished(retries > 0, RetryResult.EXCEPTION_NOT_RETRYABLE);
                    throw Failures.rethrow(failure);
                }
                if (!settings.mayRetry(retries)) {
                    metrics.retryFinished(retries > 0, RetryResult.MAX_RETRIES_REACHED);
                    throw Failures.rethrow(failure);
                }
                long delay = settings.delayNanos(retries + 1, failure);
                if (!settings.withinDuration(ticker.nanoTime() - start, delay)) {
                    // the next attempt would start after maxDuration: do not make the caller wait for nothing
                    metrics.retryFinished(retries > 0, RetryResult.MAX_DURATION_REACHED);
                    throw Failures.rethrow(failure);
                }
                try {
                    sleep(delay, failure);
                } catch (Exception interrupted) {
                    metrics.retryFinished(retries > 0, RetryResult.EXCEPTION_NOT_RETRYABLE);
                    throw interrupted;
                }
                if (!settings.withinDuration(ticker.nanoTime() - start)) {
                    metrics.retryFinished(retries > 0, RetryResult.MAX_DURATION_REACHED);
                    throw Failures.rethrow(failure);
                }
            }
        }
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
