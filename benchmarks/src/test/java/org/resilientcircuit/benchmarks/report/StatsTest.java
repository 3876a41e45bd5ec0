package org.resilientcircuit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankPercentiles() {
        double[] samples = {5, 1, 4, 2, 3};
        assertEquals(3, Stats.median(samples));
        assertEquals(1, Stats.percentile(samples, 1));
        assertEquals(1, Stats.percentile(samples, 20));
        assertEquals(2, Stats.percentile(samples, 21));
        assertEquals(5, Stats.percentile(samples, 99));
        assertEquals(5, Stats.max(samples));
        assertEquals(1, Stats.min(samples));
        assertEquals(3, Stats.mean(samples));
        assertEquals(2, Stats.median(new double[] {4, 1, 3, 2}), "the median of an even count is the lower middle sample");
        assertEquals(7, Stats.percentile(new double[] {7}, 50));
    }

    @Test
    void p99OfTwoHundredSamplesIsThe198th() {
        List<Integer> samples = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            samples.add(i);
        }
        Collections.shuffle(samples);
        assertEquals(198, Stats.percentile(samples, 99));
        assertEquals(100, Stats.percentile(samples, 50));
        assertEquals(200, Stats.percentile(samples, 100));
    }

    @Test
    void p99OfFourHundredSamplesIsThe396th() {
        double[] samples = new double[400];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 400 - i;
        }
        assertEquals(396, Stats.percentile(samples, 99));
    }

    @Test
    void doesNotSortTheCallersArray() {
        double[] samples = {3, 1, 2};
        Stats.median(samples);
        assertEquals(3, samples[0]);
    }

    @Test
    void refusesNoSamplesAndBadPercentiles() {
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new double[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new double[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new double[] {1}, 101));
    }
}
