package org.resilientcircuit.engine;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Backoffs inside the retry steps, on a fake clock: nothing sleeps. The synchronous step waits out each delay
 * with the real clock, so there the backoff under test advances the fake ticker by the delay it computed and
 * hands the step 0; the asynchronous step asks its scheduler, which the fake here runs at once after moving the
 * ticker by exactly the delay it was given (jitter included).
 */
class BackoffRetryTimingTest {

    private static final long MS = 1_000_000L;

    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger invocations = new AtomicInteger();
    private final List<Long> delays = new ArrayList<>();

    /** {@code backoff}'s delays pass on the fake clock only; the real sleep is 0. */
    private Backoff onFakeClock(Backoff backoff) {
        return (retry, failure) -> {
            long delay = backoff.delayMillis(retry, failure);
            delays.add(delay);
            ticker.advance(delay, MILLISECONDS);
            return 0;
        };
    }

    private IOException failEveryTime(RetryStep step) {
        return assertThrows(IOException.class, () -> step.invoke(new Call(() -> {
            throw new IOException("attempt " + invocations.incrementAndGet());
        })));
    }

    @Test
    void exponentialDelaysRunIntoMaxDuration() {
        // Delays 100, 200, 400 end at 700 ms; the fourth (800) ends at 1500 ms, past maxDuration 1000: no fifth attempt.
        RetrySettings settings = new RetrySettings(-1, onFakeClock(Backoffs.exponential(100, 2, 60_000)), 1000, 0,
                ExceptionFilter.all());
        IOException thrown = failEveryTime(new RetryStep(settings, ticker, Step.INVOKE));
        assertEquals("attempt 4", thrown.getMessage(), "the last failure is what the caller sees");
        assertEquals(List.of(100L, 200L, 400L, 800L), delays);
    }

    @Test
    void theCapKeepsUnlimitedRetriesGoingUntilMaxDuration() {
        // 100, 200, 400, then 500 each: 700 + 500k ms; the attempt after 3200 ms would be past 3000.
        RetrySettings settings = new RetrySettings(-1, onFakeClock(Backoffs.exponential(100, 2, 500)), 3000, 0,
                ExceptionFilter.all());
        failEveryTime(new RetryStep(settings, ticker, Step.INVOKE));
        assertEquals(List.of(100L, 200L, 400L, 500L, 500L, 500L, 500L, 500L), delays);
        assertEquals(8, invocations.get());
    }

    @Test
    void fibonacciDelaysRunIntoMaxDuration() {
        // 100, 100, 200, 300, 500 end at 1200 ms; the sixth (800) ends at 2000 ms, past 1500.
        RetrySettings settings = new RetrySettings(-1, onFakeClock(Backoffs.fibonacci(100, 60_000)), 1500, 0,
                ExceptionFilter.all());
        failEveryTime(new RetryStep(settings, ticker, Step.INVOKE));
        assertEquals(List.of(100L, 100L, 200L, 300L, 500L, 800L), delays);
        assertEquals(6, invocations.get());
    }

    @Test
    void maxRetriesStopsBeforeMaxDuration() {
        RetrySettings settings = new RetrySettings(3, onFakeClock(Backoffs.exponential(100, 2, 60_000)), 180_000, 0,
                ExceptionFilter.all());
        failEveryTime(new RetryStep(settings, ticker, Step.INVOKE));
        assertEquals(List.of(100L, 200L, 400L), delays, "no delay after the last attempt");
        assertEquals(4, invocations.get());
    }

    @Test
    void theBackoffSeesEachRetryNumberAndTheFailureBeforeIt() throws Exception {
        List<String> seen = new ArrayList<>();
        RetrySettings settings = new RetrySettings(5, (retry, failure) -> {
            seen.add(retry + ":" + failure.getMessage());
            return 0;
        }, 0, 0, ExceptionFilter.all());
        Object result = new RetryStep(settings, ticker, Step.INVOKE).invoke(new Call(() -> {
            if (invocations.incrementAndGet() < 4) {
                throw new IOException("attempt " + invocations.get());
            }
            return "ok";
        }));
        assertEquals("ok", result);
        assertEquals(List.of("1:attempt 1", "2:attempt 2", "3:attempt 3"), seen);
    }

    /** Runs each scheduled task at once, after moving the fake clock by the delay it was scheduled with. */
    private final class ImmediateScheduler implements Scheduler {
        final List<Long> scheduledNanos = new ArrayList<>();

        @Override
        public Future<?> schedule(Runnable task, long delayNanos) {
            scheduledNanos.add(delayNanos);
            ticker.advance(delayNanos, TimeUnit.NANOSECONDS);
            task.run();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }
    }

    @Test
    void asyncRetryWaitsExactlyTheExponentialSequenceThenStopsAtMaxDuration() {
        ImmediateScheduler scheduler = new ImmediateScheduler();
        RetrySettings settings = new RetrySettings(-1, Backoffs.exponential(100, 2, 60_000), 1000, 0, ExceptionFilter.all());
        AsyncRetryStep step = new AsyncRetryStep(settings, ticker, scheduler,
                call -> CompletableFuture.failedFuture(new IOException("attempt " + invocations.incrementAndGet())));
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> step.invoke(new Call(() -> null)).toCompletableFuture().get());
        assertEquals("attempt 4", thrown.getCause().getMessage());
        // after 700 ms the next delay (800) would end past maxDuration 1000: it is not scheduled at all
        assertEquals(List.of(100 * MS, 200 * MS, 400 * MS), scheduler.scheduledNanos);
    }

    @Test
    void asyncRetryWaitsTheFibonacciSequence() {
        ImmediateScheduler scheduler = new ImmediateScheduler();
        RetrySettings settings = new RetrySettings(6, Backoffs.fibonacci(10, 50), 0, 0, ExceptionFilter.all());
        IOException failure = new IOException();
        AsyncRetryStep step = new AsyncRetryStep(settings, ticker, scheduler, call -> {
            invocations.incrementAndGet();
            return CompletableFuture.failedFuture(failure);
        });
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> step.invoke(new Call(() -> null)).toCompletableFuture().get());
        assertSame(failure, thrown.getCause());
        assertEquals(7, invocations.get());
        assertEquals(List.of(10 * MS, 10 * MS, 20 * MS, 30 * MS, 50 * MS, 50 * MS), scheduler.scheduledNanos);
    }

    private static LongSummaryStatistics draw(RetrySettings settings, int retry) {
        RuntimeException failure = new RuntimeException();
        LongSummaryStatistics stats = new LongSummaryStatistics();
        for (int i = 0; i < 20_000; i++) {
            long nanos = settings.delayNanos(retry, failure);
            assertEquals(0, nanos % MS, "whole milliseconds");
            stats.accept(nanos);
        }
        return stats;
    }

    /**
     * Jitter is added to each backoff delay, in [delay - jitter, delay + jitter]; a capped delay can exceed the cap by
     * the jitter. 20,000 draws over 61 values: both ends are drawn except with odds below 10^-140.
     */
    @Test
    void jitterVariesEachBackoffDelayWithinItsBounds() {
        RetrySettings exponential = new RetrySettings(-1, Backoffs.exponential(100, 2, 1000), 0, 30, ExceptionFilter.all());
        assertBetween(70, 130, draw(exponential, 1));
        assertBetween(370, 430, draw(exponential, 3));
        assertBetween(970, 1030, draw(exponential, 5));
        assertBetween(970, 1030, draw(exponential, 50));
        RetrySettings fibonacci = new RetrySettings(-1, Backoffs.fibonacci(100, 1000), 0, 30, ExceptionFilter.all());
        assertBetween(170, 230, draw(fibonacci, 3));
        assertBetween(770, 830, draw(fibonacci, 6));
        assertBetween(970, 1030, draw(fibonacci, 7));
    }

    @Test
    void jitterLargerThanTheDelayIsClippedAtZero() {
        RetrySettings settings = new RetrySettings(-1, Backoffs.exponential(10, 2, 1000), 0, 30, ExceptionFilter.all());
        assertBetween(0, 40, draw(settings, 1));
        assertBetween(0, 50, draw(settings, 2));
    }

    private static void assertBetween(long minMillis, long maxMillis, LongSummaryStatistics stats) {
        assertEquals(minMillis * MS, stats.getMin(), "lowest");
        assertEquals(maxMillis * MS, stats.getMax(), "highest");
        assertTrue(stats.getAverage() > minMillis * MS && stats.getAverage() < maxMillis * MS);
    }
}
