package org.resilientcircuit.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.resilientcircuit.benchmarks.report.Targets.Overheads;
import org.resilientcircuit.benchmarks.report.Targets.Status;
import org.resilientcircuit.benchmarks.report.Targets.Target;

/**
 * The targets of issue 17 ("performance to the floor"), stated over the floor: the guarded method with only
 * a no-op interceptor. Subtracting the floor rather than the plain call leaves out what the container's
 * interception costs any interceptor, which no fault-tolerance implementation can avoid.
 */
final class FloorTargets {

    /** Our overhead over the floor, {@code @CircuitBreaker} at 1 thread, at most this many ns. */
    static final double OVER_FLOOR_NS = 60;
    /** Our overhead over the floor at most this times SmallRye's over the same floor. */
    static final double OVER_FLOOR_VS_SMALLRYE = 0.1;
    /** Bytes per call above the floor's below this count as none: JMH's figure is a mean over many calls. */
    static final double BYTES_ZERO = 0.5;
    /** Overhead over the floor at 2 threads at most this times the overhead at 1 thread. */
    static final double TWO_THREADS_VS_ONE = 1.2;

    static final List<String> STORES = List.of("memory", "postgres");

    private FloorTargets() {
    }

    static List<Target> evaluate(JmhResults jmh, List<Overheads> overheads) {
        List<Target> targets = new ArrayList<>();
        Optional<Overheads> breaker1 = find(overheads, "circuitBreaker", 1);
        for (String store : STORES) {
            targets.add(overFloor(store, breaker1));
        }
        for (String store : STORES) {
            targets.add(overFloorVsSmallRye(store, breaker1));
        }
        for (String policy : Targets.POLICIES) {
            for (String store : STORES) {
                targets.add(allocation(jmh, store, policy));
            }
        }
        for (String policy : Targets.POLICIES) {
            for (String store : STORES) {
                targets.add(scaling(store, policy, find(overheads, policy, 1), find(overheads, policy, 2)));
            }
        }
        return targets;
    }

    static Optional<Overheads> find(List<Overheads> overheads, String policy, int threads) {
        return overheads.stream().filter(o -> o.policy().equals(policy) && o.threads() == threads).findFirst();
    }

    private static Target overFloor(String store, Optional<Overheads> o) {
        double ours = o.map(x -> x.overFloor(store)).orElse(Double.NaN);
        String noise = o.map(x -> Targets.noise(x.score(store), x.error(store), x.score(Targets.FLOOR),
                x.error(Targets.FLOOR))).orElse("");
        return new Target("closed-state overhead over the no-op interceptor floor, " + storeName(store)
                + " (circuitBreaker, 1 thread)",
                Double.isNaN(ours) ? "-" : Targets.ns(ours) + (noise.isEmpty() ? "" : " (" + noise.substring(2) + ")"),
                "<= " + ResultFile.format(OVER_FLOOR_NS) + " ns", Targets.atMost(ours, 1, OVER_FLOOR_NS));
    }

    private static Target overFloorVsSmallRye(String store, Optional<Overheads> o) {
        double ours = o.map(x -> x.overFloor(store)).orElse(Double.NaN);
        double smallrye = o.map(x -> x.overFloor("smallrye")).orElse(Double.NaN);
        return new Target("closed-state overhead over the floor, " + storeName(store)
                + " vs SmallRye over the same floor (circuitBreaker, 1 thread)",
                figure(ours, smallrye), "<= " + OVER_FLOOR_VS_SMALLRYE + "x",
                Targets.atMost(ours, OVER_FLOOR_VS_SMALLRYE, smallrye));
    }

    private static Target allocation(JmhResults jmh, String store, String policy) {
        double ours = jmh == null ? Double.NaN : jmh.allocation(JmhResults.GUARDED, 1, store, policy);
        double floor = jmh == null ? Double.NaN : jmh.allocation(JmhResults.GUARDED, 1, Targets.FLOOR, policy);
        double above = ours - floor; // NaN if either is missing
        Status status = Double.isNaN(above) ? Status.NOT_MEASURED : above < BYTES_ZERO ? Status.MET : Status.MISSED;
        return new Target("bytes allocated per guarded call minus the floor's, " + storeName(store) + " (" + policy
                + ", 1 thread)", Double.isNaN(above) ? "-" : String.format(Locale.ROOT, "%.1f bytes (%s vs %s B/op)", above,
                        bytes(ours), bytes(floor)), "0 (< " + BYTES_ZERO + " bytes per call)", status);
    }

    private static Target scaling(String store, String policy, Optional<Overheads> one, Optional<Overheads> two) {
        double at1 = one.map(x -> x.overFloor(store)).orElse(Double.NaN);
        double at2 = two.map(x -> x.overFloor(store)).orElse(Double.NaN);
        return new Target("closed-state overhead over the floor at 2 threads vs 1 thread, " + storeName(store) + " ("
                + policy + ")", figure(at2, at1), "<= " + TWO_THREADS_VS_ONE + "x", Targets.atMost(at2, TWO_THREADS_VS_ONE, at1));
    }

    /** "0.50x (10.0 ns vs 20.0 ns)", or "-" if either is missing. */
    private static String figure(double ours, double reference) {
        if (Double.isNaN(ours) || Double.isNaN(reference)) {
            return "-";
        }
        return Targets.ratio(ours, reference) + " (" + Targets.ns(ours) + " vs " + Targets.ns(reference) + ")";
    }

    static String bytes(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String storeName(String store) {
        return store.equals("postgres") ? "PostgreSQL store" : store + " store";
    }
}
