package org.resilientcircuit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The delay sequence of {@link Backoffs#exponential}: min(initial * factor^(n-1), max), never overflowing. */
class ExponentialBackoffTest {

    private static final RuntimeException FAILURE = new RuntimeException();

    private static List<Long> first(int retries, Backoff backoff) {
        return IntStream.rangeClosed(1, retries).mapToObj(n -> backoff.delayMillis(n, FAILURE)).toList();
    }

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L),
                first(9, Backoffs.exponential(100, 2, 5000)));
    }

    @Test
    void seedExampleOneSecondDoublingCappedAtTenSeconds() {
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 10_000L, 10_000L),
                first(6, Backoffs.exponential(1000, 2, 10_000)));
    }

    @Test
    void capEqualToAPowerIsReachedExactly() {
        assertEquals(List.of(100L, 300L, 900L, 2700L, 2700L), first(5, Backoffs.exponential(100, 3, 2700)));
    }

    @Test
    void fractionalFactorRoundsToTheNearestMillisecond() {
        // 100, 150, 225, 337.5, 506.25, 759.375
        assertEquals(List.of(100L, 150L, 225L, 338L, 506L, 759L), first(6, Backoffs.exponential(100, 1.5, 60_000)));
        // 1000 * 1.1^2 is 1210.0000000000002 in doubles: still 1210
        assertEquals(List.of(1000L, 1100L, 1210L, 1331L), first(4, Backoffs.exponential(1000, 1.1, 60_000)));
    }

    @Test
    void factorOneIsAFixedDelay() {
        assertEquals(List.of(250L, 250L, 250L), first(3, Backoffs.exponential(250, 1, 60_000)));
        assertEquals(250L, Backoffs.exponential(250, 1, 60_000).delayMillis(Integer.MAX_VALUE, FAILURE));
    }

    @Test
    void initialDelayZeroStaysZero() {
        Backoff backoff = Backoffs.exponential(0, 2, 60_000);
        assertEquals(List.of(0L, 0L, 0L), first(3, backoff));
        assertEquals(0L, backoff.delayMillis(Integer.MAX_VALUE, FAILURE));
    }

    @Test
    void maxEqualToInitialIsAFixedDelay() {
        assertEquals(List.of(100L, 100L, 100L), first(3, Backoffs.exponential(100, 2, 100)));
    }

    @Test
    void hugeRetryNumbersAndFactorsStayAtTheCap() {
        Backoff backoff = Backoffs.exponential(1000, 10, 60_000);
        for (int retry : new int[] {5, 63, 64, 1000, 1_000_000, Integer.MAX_VALUE}) {
            assertEquals(60_000L, backoff.delayMillis(retry, FAILURE), "retry " + retry);
        }
        assertEquals(60_000L, Backoffs.exponential(1, Double.MAX_VALUE, 60_000).delayMillis(3, FAILURE));
    }

    @Test
    void anUnboundedCapIsClampedSoNanosecondsCannotOverflow() {
        Backoff backoff = Backoffs.exponential(1000, 2, Long.MAX_VALUE);
        assertEquals(Backoffs.MAX_DELAY_MILLIS, backoff.delayMillis(Integer.MAX_VALUE, FAILURE));
        assertEquals(Backoffs.MAX_DELAY_MILLIS, backoff.delayMillis(100, FAILURE));
        RetrySettings settings = new RetrySettings(-1, backoff, 0, 1000, ExceptionFilter.all());
        long nanos = settings.delayNanos(Integer.MAX_VALUE, FAILURE);
        assertEquals(true, nanos > 0, "positive, not overflowed: " + nanos);
    }

    @Test
    void everyDelayIsNonNegativeAndNonDecreasing() {
        for (double factor : new double[] {1, 1.01, 1.5, 2, 7.3, 1e9}) {
            Backoff backoff = Backoffs.exponential(37, factor, 3_600_000);
            long previous = 0;
            for (int retry = 1; retry <= 200; retry++) {
                long delay = backoff.delayMillis(retry, FAILURE);
                assertEquals(true, delay >= previous && delay <= 3_600_000, "factor " + factor + " retry " + retry + ": " + delay);
                previous = delay;
            }
        }
    }

    @Test
    void retryNumbersBelowOneCountAsTheFirst() {
        assertEquals(100L, Backoffs.exponential(100, 2, 5000).delayMillis(0, FAILURE));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Backoffs.exponential(100, 0.5, 5000));
        assertThrows(IllegalArgumentException.class, () -> Backoffs.exponential(100, Double.NaN, 5000));
        assertThrows(IllegalArgumentException.class, () -> Backoffs.exponential(100, Double.POSITIVE_INFINITY, 5000));
        assertThrows(IllegalArgumentException.class, () -> Backoffs.exponential(100, 2, 99));
        assertThrows(IllegalArgumentException.class, () -> Backoffs.exponential(-1, 2, 5000));
    }
}
