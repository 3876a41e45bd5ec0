package org.resilientcircuit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LongSummaryStatistics;

import org.junit.jupiter.api.Test;

/**
 * Jittered delays stay within [delay - jitter, delay + jitter], clipped at 0. With 20,000 draws over at most 61
 * values, the odds that an end of the range is never drawn are below 10^-140, so the extremes are asserted exactly.
 */
class RetrySettingsJitterTest {

    private static final int DRAWS = 20_000;
    private static final long MS = 1_000_000L;

    private static LongSummaryStatistics draw(long delayMillis, long jitterMillis) {
        RetrySettings settings = new RetrySettings(3, Backoff.fixed(delayMillis), 0, jitterMillis, ExceptionFilter.all());
        LongSummaryStatistics stats = new LongSummaryStatistics();
        for (int i = 0; i < DRAWS; i++) {
            long nanos = settings.delayNanos(1, new RuntimeException());
            assertEquals(0, nanos % MS, "whole milliseconds");
            stats.accept(nanos);
        }
        return stats;
    }

    @Test
    void delaysSpanDelayPlusOrMinusJitter() {
        LongSummaryStatistics stats = draw(100, 30);
        assertEquals(70 * MS, stats.getMin());
        assertEquals(130 * MS, stats.getMax());
    }

    @Test
    void negativeDelaysAreClippedAtZero() {
        LongSummaryStatistics stats = draw(10, 30);
        assertEquals(0, stats.getMin());
        assertEquals(40 * MS, stats.getMax());
    }

    @Test
    void noJitterMeansTheDelayItself() {
        LongSummaryStatistics stats = draw(25, 0);
        assertEquals(25 * MS, stats.getMin());
        assertEquals(25 * MS, stats.getMax());
    }

    @Test
    void backoffSeesTheRetryNumber() {
        RetrySettings settings = new RetrySettings(3, (retry, last) -> retry * 100L, 0, 0, ExceptionFilter.all());
        assertEquals(100 * MS, settings.delayNanos(1, new RuntimeException()));
        assertEquals(300 * MS, settings.delayNanos(3, new RuntimeException()));
    }
}
