package org.resilientcircuit.benchmarks.report;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics of measured samples. */
public final class Stats {

    private Stats() {
    }

    /**
     * The {@code p}-th percentile by the nearest-rank method: the smallest sample such that at least
     * {@code p} percent of the samples are less than or equal to it ({@code sorted[ceil(p/100 * n) - 1]}).
     * Always one of the samples: the median of 4 samples is the 2nd, p99 of 200 samples is the 198th,
     * p100 is the maximum.
     *
     * @throws IllegalArgumentException for no samples or p outside (0, 100]
     */
    public static double percentile(double[] samples, double p) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9);
        return sorted[Math.max(1, Math.min(rank, sorted.length)) - 1];
    }

    public static double percentile(Collection<? extends Number> samples, double p) {
        return percentile(samples.stream().mapToDouble(Number::doubleValue).toArray(), p);
    }

    public static double median(double[] samples) {
        return percentile(samples, 50);
    }

    public static double max(double[] samples) {
        return percentile(samples, 100);
    }

    public static double min(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        return Arrays.stream(samples).min().getAsDouble();
    }

    public static double mean(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        return Arrays.stream(samples).average().getAsDouble();
    }
}
