package org.resilientcircuit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The delay sequence of {@link Backoffs#fibonacci}: initial times 1, 1, 2, 3, 5, 8, ..., capped, never overflowing. */
class FibonacciBackoffTest {

    private static final RuntimeException FAILURE = new RuntimeException();

    private static List<Long> first(int retries, Backoff backoff) {
        return IntStream.rangeClosed(1, retries).mapToObj(n -> backoff.delayMillis(n, FAILURE)).toList();
    }

    @Test
    void fibonacciMultiplesOfTheInitialDelay() {
        assertEquals(List.of(100L, 100L, 200L, 300L, 500L, 800L, 1300L, 2100L, 3400L, 5500L),
                first(10, Backoffs.fibonacci(100, 60_000)));
    }

    @Test
    void cappedAtTheMaximum() {
        assertEquals(List.of(100L, 100L, 200L, 300L, 500L, 700L, 700L, 700L), first(8, Backoffs.fibonacci(100, 700)));
    }

    @Test
    void capEqualToAFibonacciMultipleIsReachedExactly() {
        assertEquals(List.of(10L, 10L, 20L, 30L, 50L, 80L, 80L), first(7, Backoffs.fibonacci(10, 80)));
    }

    @Test
    void hugeRetryNumbersStayAtTheCapAndNeverOverflow() {
        Backoff backoff = Backoffs.fibonacci(1, Long.MAX_VALUE);
        // F(92) is the largest Fibonacci number in a long; far beyond that the answer is the clamp, not a wrapped value.
        assertEquals(Backoffs.MAX_DELAY_MILLIS, backoff.delayMillis(92, FAILURE));
        assertEquals(Backoffs.MAX_DELAY_MILLIS, backoff.delayMillis(93, FAILURE));
        assertEquals(Backoffs.MAX_DELAY_MILLIS, backoff.delayMillis(Integer.MAX_VALUE, FAILURE));
        assertEquals(60_000L, Backoffs.fibonacci(1000, 60_000).delayMillis(Integer.MAX_VALUE, FAILURE));
    }

    @Test
    void belowTheClampTheExactFibonacciNumber() {
        // F(50) = 12,586,269,025 < MAX_DELAY_MILLIS (~4.6e12)
        assertEquals(12_586_269_025L, Backoffs.fibonacci(1, Long.MAX_VALUE).delayMillis(50, FAILURE));
    }

    @Test
    void initialDelayZeroStaysZero() {
        assertEquals(0L, Backoffs.fibonacci(0, 60_000).delayMillis(Integer.MAX_VALUE, FAILURE));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Backoffs.fibonacci(100, 99));
        assertThrows(IllegalArgumentException.class, () -> Backoffs.fibonacci(-1, 100));
    }
}
