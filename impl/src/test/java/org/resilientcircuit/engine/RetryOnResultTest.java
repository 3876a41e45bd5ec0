package org.resilientcircuit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * RetryStep with a result predicate ({@code @RetryWhen.result}) and an exception condition: a matching result is
 * retried like a failure, the last result is returned when maxRetries or maxDuration ends the retry, and the
 * condition narrows retryOn without overriding abortOn.
 */
class RetryOnResultTest {

    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger invocations = new AtomicInteger();

    private RetryStep step(int maxRetries, long maxDurationMillis, ExceptionFilter retryOn, Step method) {
        RetrySettings settings = new RetrySettings(maxRetries, Backoff.fixed(0), maxDurationMillis, 0, retryOn,
                value -> "busy".equals(value));
        return new RetryStep(settings, ticker, method);
    }

    /** "busy" until attempt {@code freeOn}, then "done". */
    private Step busyUntil(int freeOn) {
        return call -> invocations.incrementAndGet() < freeOn ? "busy" : "done";
    }

    @Test
    void aMatchingResultIsRetried() throws Exception {
        assertEquals("done", step(5, 0, ExceptionFilter.all(), busyUntil(3)).invoke(new Call(() -> null)));
        assertEquals(3, invocations.get());
    }

    @Test
    void maxRetriesReturnsTheLastResult() throws Exception {
        assertEquals("busy", step(2, 0, ExceptionFilter.all(), busyUntil(100)).invoke(new Call(() -> null)));
        assertEquals(3, invocations.get());
    }

    @Test
    void maxDurationReturnsTheLastResult() throws Exception {
        Step slowBusy = call -> {
            invocations.incrementAndGet();
            ticker.advance(10, java.util.concurrent.TimeUnit.MILLISECONDS);
            return "busy";
        };
        assertEquals("busy", step(-1, 35, ExceptionFilter.all(), slowBusy).invoke(new Call(() -> null)));
        assertEquals(4, invocations.get());
    }

    @Test
    void theConditionNarrowsRetryOnAndAbortOnStillWins() {
        ExceptionFilter filter = new ExceptionFilter(List.of(Exception.class), List.of(IllegalArgumentException.class),
                failure -> failure.getMessage().startsWith("again"));
        Step failing = call -> {
            invocations.incrementAndGet();
            throw new IOException("again");
        };
        assertThrows(IOException.class, () -> step(3, 0, filter, failing).invoke(new Call(() -> null)));
        assertEquals(4, invocations.get(), "retried: the condition matched");
        invocations.set(0);
        Step aborting = call -> {
            invocations.incrementAndGet();
            throw new IllegalArgumentException("again");
        };
        assertThrows(IllegalArgumentException.class, () -> step(3, 0, filter, aborting).invoke(new Call(() -> null)));
        assertEquals(1, invocations.get(), "abortOn wins");
    }
}
