package org.resilientcircuit.engine;

import java.util.concurrent.locks.LockSupport;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/** {@code @Retry} on a synchronous method: the calling thread waits out each delay. */
public final class RetryStep implements Step {

    private final RetrySettings settings;
    private final Ticker ticker;
    private final Step next;

    public RetryStep(RetrySettings settings, Ticker ticker, Step next) {
        this.settings = settings;
        this.ticker = ticker;
        this.next = next;
    }

    @Override
    public Object invoke(Call call) throws Exception {
        long start = ticker.nanoTime();
        for (int retries = 0;; retries++) {
            try {
                return next.invoke(call);
            } catch (Throwable failure) {
                if (!settings.retryOn().test(failure) || !settings.mayRetry(retries)) {
                    throw Failures.rethrow(failure);
                }
                sleep(settings.delayNanos(retries + 1, failure), failure);
                if (!settings.withinDuration(ticker.nanoTime() - start)) {
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
