package org.resilientcircuit.engine;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** RetryStep counts attempts exactly; delays are 0 so nothing sleeps, and time moves only with the fake ticker. */
class RetryStepTest {

    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger invocations = new AtomicInteger();

    private static RetrySettings settings(int maxRetries, long maxDurationMillis, ExceptionFilter retryOn) {
        return new RetrySettings(maxRetries, Backoff.fixed(0), maxDurationMillis, 0, retryOn);
    }

    private static ExceptionFilter retryOn(List<Class<? extends Throwable>> retryOn, List<Class<? extends Throwable>> abortOn) {
        return new ExceptionFilter(retryOn, abortOn);
    }

    /** A method that throws {@code failure} on every attempt before {@code succeedOn} (1-based) and then returns "ok". */
    private Object run(RetrySettings settings, Exception failure, int succeedOn) throws Exception {
        RetryStep step = new RetryStep(settings, ticker, Step.INVOKE);
        return step.invoke(new Call(() -> {
            if (invocations.incrementAndGet() < succeedOn) {
                throw failure;
            }
            return "ok";
        }));
    }

    @Test
    void maxRetriesBoundsTheAttempts() {
        IOException failure = new IOException();
        IOException thrown = assertThrows(IOException.class,
                () -> run(settings(3, 0, ExceptionFilter.all()), failure, Integer.MAX_VALUE));
        assertSame(failure, thrown);
        assertEquals(4, invocations.get(), "one call and three retries");
    }

    @Test
    void maxRetriesZeroMeansOneAttempt() {
        assertThrows(IOException.class, () -> run(settings(0, 0, ExceptionFilter.all()), new IOException(), Integer.MAX_VALUE));
        assertEquals(1, invocations.get());
    }

    @Test
    void stopsRetryingOnceTheCallSucceeds() throws Exception {
        assertEquals("ok", run(settings(5, 0, ExceptionFilter.all()), new IOException(), 3));
        assertEquals(3, invocations.get());
    }

    @Test
    void abortOnWinsOverRetryOn() {
        ExceptionFilter filter = retryOn(List.of(IOException.class), List.of(FileNotFoundException.class));
        assertThrows(FileNotFoundException.class, () -> run(settings(5, 0, filter), new FileNotFoundException(), Integer.MAX_VALUE));
        assertEquals(1, invocations.get());
    }

    @Test
    void exceptionNotInRetryOnIsNotRetried() {
        ExceptionFilter filter = retryOn(List.of(IOException.class), List.of());
        assertThrows(IllegalStateException.class,
                () -> run(settings(5, 0, filter), new IllegalStateException(), Integer.MAX_VALUE));
        assertEquals(1, invocations.get());
    }

    @Test
    void maxDurationStopsUnlimitedRetries() {
        // Each attempt takes 10 ms of fake time; with maxDuration 35 ms the attempts start at 0, 10, 20 and 30 ms,
        // and after the fourth, 40 ms have passed.
        RetryStep step = new RetryStep(settings(-1, 35, ExceptionFilter.all()), ticker, call -> {
            invocations.incrementAndGet();
            ticker.advance(10, MILLISECONDS);
            throw new IOException("attempt " + invocations.get());
        });
        IOException thrown = assertThrows(IOException.class, () -> step.invoke(new Call(() -> null)));
        assertEquals("attempt 4", thrown.getMessage(), "the last failure is what the caller sees");
        assertEquals(4, invocations.get());
    }

    @Test
    void maxDurationIsMeasuredFromTheFirstAttempt() {
        // The clock moves 20 ms before the step starts: that time does not count.
        ticker.advance(20, MILLISECONDS);
        RetryStep step = new RetryStep(settings(-1, 25, ExceptionFilter.all()), ticker, call -> {
            invocations.incrementAndGet();
            ticker.advance(10, MILLISECONDS);
            throw new IOException();
        });
        assertThrows(IOException.class, () -> step.invoke(new Call(() -> null)));
        assertEquals(3, invocations.get());
    }

    @Test
    void aDelayThatWouldEndAfterMaxDurationIsNotWaitedFor() {
        // The fake clock stands still, so only the announced delay can end the retries: waiting it out
        // (200 ms each, past maxDuration 100 ms) and retrying anyway would make 4 attempts.
        RetrySettings settings = new RetrySettings(3, Backoff.fixed(200), 100, 0, ExceptionFilter.all());
        RetryStep step = new RetryStep(settings, ticker, call -> {
            invocations.incrementAndGet();
            throw new IOException("attempt " + invocations.get());
        });
        IOException thrown = assertThrows(IOException.class, () -> step.invoke(new Call(() -> null)));
        assertEquals("attempt 1", thrown.getMessage());
        assertEquals(1, invocations.get(), "no retry that would start after maxDuration, and no wait for one");
    }

    @Test
    void aDelayThatEndsWithinMaxDurationIsWaitedFor() {
        RetrySettings settings = new RetrySettings(2, Backoff.fixed(1), 100, 0, ExceptionFilter.all());
        RetryStep step = new RetryStep(settings, ticker, call -> {
            invocations.incrementAndGet();
            throw new IOException();
        });
        assertThrows(IOException.class, () -> step.invoke(new Call(() -> null)));
        assertEquals(3, invocations.get(), "1 ms delays fit in 100 ms: every retry runs");
    }
}
