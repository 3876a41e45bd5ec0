package org.resilientcircuit.engine;

import java.util.concurrent.Future;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * {@code @Timeout} on a synchronous method. The method runs on the caller's thread, which is
 * interrupted when time is up; the caller gets a {@link TimeoutException} once the method returns,
 * whatever it returned.
 */
public final class TimeoutStep implements Step {

    private final long timeoutMillis;
    private final Scheduler scheduler;
    private final MethodMetrics metrics;
    private final Ticker ticker;
    private final boolean metered;
    private final Step next;

    public TimeoutStep(long timeoutMillis, Scheduler scheduler, Step next) {
        this(timeoutMillis, scheduler, MethodMetrics.NONE, Ticker.SYSTEM, next);
    }

    public TimeoutStep(long timeoutMillis, Scheduler scheduler, MethodMetrics metrics, Ticker ticker, Step next) {
        this.timeoutMillis = timeoutMillis;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.ticker = ticker;
        this.metered = metrics != MethodMetrics.NONE;
        this.next = next;
    }

    @Override
    public Object invoke(Call call) throws Exception {
        long start = metered ? ticker.nanoTime() : 0;
        TimeoutWatch watch = new TimeoutWatch(Thread.currentThread());
        Future<?> timer = scheduler.schedule(watch, timeoutMillis * 1_000_000L);
        Object result;
        try {
            result = next.invoke(call);
        } catch (Throwable failure) {
            timer.cancel(false);
            if (!finished(watch, start)) {
                throw timedOut();
            }
            throw Failures.rethrow(failure);
        }
        timer.cancel(false);
        if (!finished(watch, start)) {
            throw timedOut();
        }
        return result;
    }

    /** @return true if the call finished in time */
    private boolean finished(TimeoutWatch watch, long start) {
        boolean inTime = watch.finish();
        if (metered) {
            metrics.timeoutFinished(!inTime, ticker.nanoTime() - start);
        }
        return inTime;
    }

    private TimeoutException timedOut() {
        return new TimeoutException("timed out after " + timeoutMillis + " ms");
    }
}
