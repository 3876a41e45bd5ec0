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
    private final Step next;

    public TimeoutStep(long timeoutMillis, Scheduler scheduler, Step next) {
        this.timeoutMillis = timeoutMillis;
        this.scheduler = scheduler;
        this.next = next;
    }

    @Override
    public Object invoke(Call call) throws Exception {
        TimeoutWatch watch = new TimeoutWatch(Thread.currentThread());
        Future<?> timer = scheduler.schedule(watch, timeoutMillis * 1_000_000L);
        Object result;
        try {
            result = next.invoke(call);
        } catch (Throwable failure) {
            timer.cancel(false);
            if (!watch.finish()) {
                throw timedOut();
            }
            throw Failures.rethrow(failure);
        }
        timer.cancel(false);
        if (!watch.finish()) {
            throw timedOut();
        }
        return result;
    }

    private TimeoutException timedOut() {
        return new TimeoutException("timed out after " + timeoutMillis + " ms");
    }
}
