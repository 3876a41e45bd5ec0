package org.resilientcircuit.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The figures the targets are about, and for each target whether it is met. Closed-state overhead of a
 * guarded call = its score minus the plain call's score at the same thread count (ns/op).
 */
public final class Targets {

    public static final List<String> IMPLEMENTATIONS = List.of("memory", "postgres", "smallrye");
    public static final List<String> POLICIES = List.of("circuitBreaker", "retry", "both");
    /** The implementation value of the floor: the same method with only a no-op interceptor. */
    public static final String FLOOR = "floor";

    /** PostgreSQL store's overhead at most this times the memory store's. */
    public static final double POSTGRES_VS_MEMORY = 1.2;
    /** Our overhead at most this times SmallRye's. */
    public static final double OURS_VS_SMALLRYE = 0.5;
    /** A rejected call at most this times SmallRye's. */
    public static final double REJECTED_VS_SMALLRYE = 0.3;
    /** Statements per 1,000 closed-state calls below this count as none (the counter's resolution). */
    public static final double STATEMENTS_PER_1000_ZERO = 0.5;
    public static final double PROPAGATION_MEDIAN_MS = 3;
    public static final double PROPAGATION_P99_MS = 10;
    public static final double HEAP_MB = 50;

    public enum Status {
        MET("met"), MISSED("**missed**"), NOT_MEASURED("not measured");

        public final String label;

        Status(String label) {
            this.label = label;
        }
    }

    public record Target(String name, String figure, String limit, Status status) {
    }

    /**
     * The guarded calls of one policy at one thread count.
     *
     * @param plain the plain call's score (ns/op), NaN if absent
     * @param scores implementation -> guarded call's score (ns/op)
     */
    public record Overheads(String policy, int threads, double plain, Map<String, Double> scores, double plainError,
            Map<String, Double> errors) {

        /** Score minus plain, NaN if either is missing. */
        public double overhead(String implementation) {
            Double score = scores.get(implementation);
            return score == null || Double.isNaN(plain) ? Double.NaN : score - plain;
        }

        /** Score minus the floor's score (the no-op interceptor on the same method), NaN if either is missing. */
        public double overFloor(String implementation) {
            Double score = scores.get(implementation);
            Double floor = scores.get(FLOOR);
            return score == null || floor == null ? Double.NaN : score - floor;
        }

        /** The 99.9% error of an implementation's score, NaN if absent. */
        public double error(String implementation) {
            return errors.getOrDefault(implementation, Double.NaN);
        }

        /** The score of an implementation, NaN if absent. */
        public double score(String implementation) {
            return scores.getOrDefault(implementation, Double.NaN);
        }
    }

    private Targets() {
    }

    /** Per policy and thread count, every implementation's guarded score and the plain baseline. */
    public static List<Overheads> overheads(JmhResults jmh) {
        List<Overheads> all = new ArrayList<>();
        for (String policy : ordered(POLICIES, jmh.values(JmhResults.GUARDED, "policy"))) {
            for (int threads : jmh.threadCounts()) {
                double plain = jmh.find(JmhResults.PLAIN, threads, null, null).map(JmhResults.Row::scoreNanos).orElse(Double.NaN);
                double plainError = jmh.find(JmhResults.PLAIN, threads, null, null).map(JmhResults.Row::errorNanos)
                        .orElse(Double.NaN);
                Map<String, Double> scores = new LinkedHashMap<>();
                Map<String, Double> errors = new LinkedHashMap<>();
                for (String implementation : ordered(IMPLEMENTATIONS, jmh.values(JmhResults.GUARDED, "implementation"))) {
                    jmh.find(JmhResults.GUARDED, threads, implementation, policy)
                            .ifPresent(r -> {
                                scores.put(implementation, r.scoreNanos());
                                errors.put(implementation, r.errorNanos());
                            });
                }
                if (!scores.isEmpty()) {
                    all.add(new Overheads(policy, threads, plain, scores, plainError, errors));
                }
            }
        }
        return all;
    }

    /** The known values first, in their order, then any others found. */
    static List<String> ordered(List<String> known, List<String> found) {
        List<String> order = new ArrayList<>(known);
        found.stream().filter(v -> !order.contains(v)).forEach(order::add);
        return order;
    }

    /** Met if {@code ours <= factor * reference}; not measured if either is missing. */
    static Status atMost(double ours, double factor, double reference) {
        if (Double.isNaN(ours) || Double.isNaN(reference)) {
            return Status.NOT_MEASURED;
        }
        return ours <= factor * reference ? Status.MET : Status.MISSED;
    }

    static Status below(OptionalDouble value, double limit) {
        if (value.isEmpty() || Double.isNaN(value.getAsDouble())) {
            return Status.NOT_MEASURED;
        }
        return value.getAsDouble() < limit ? Status.MET : Status.MISSED;
    }

    /** Retained heap in MB (10^6 bytes), scaled to 10,000 breakers if another number was measured. */
    static OptionalDouble per10000(ResultFile heap) {
        OptionalDouble mb = heap.number("heap.mb");
        OptionalDouble breakers = heap.number("breakers");
        if (mb.isEmpty() || breakers.isEmpty() || breakers.getAsDouble() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(mb.getAsDouble() * 10_000 / breakers.getAsDouble());
    }

    /** "1.23x" or "n/a" when the reference is not positive. */
    static String ratio(double ours, double reference) {
        if (Double.isNaN(ours) || Double.isNaN(reference)) {
            return "n/a";
        }
        if (reference <= 0) {
            return "n/a (reference " + ns(reference) + ")";
        }
        return String.format(Locale.ROOT, "%.2fx", ours / reference);
    }

    static String ns(double nanos) {
        return Double.isNaN(nanos) ? "-" : String.format(Locale.ROOT, "%.1f ns", nanos);
    }

    /** Scores whose 99.9% error exceeds half of them: a verdict on them may be noise. */
    public static final double NOISY = 0.5;

    /** " (noisy: ...)" naming the scores among {@code scoresAndErrors} (pairs) whose error exceeds {@link #NOISY}, else "". */
    static String noise(double... scoresAndErrors) {
        StringBuilder noisy = new StringBuilder();
        for (int i = 0; i + 1 < scoresAndErrors.length; i += 2) {
            double score = scoresAndErrors[i];
            double error = scoresAndErrors[i + 1];
            if (!Double.isNaN(score) && !Double.isNaN(error) && score > 0 && error > NOISY * score) {
                noisy.append(noisy.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f ± %.1f ns", score, error));
            }
        }
        return noisy.length() == 0 ? "" : "; noisy: " + noisy;
    }

    static String threads(int threads) {
        return threads + (threads == 1 ? " thread" : " threads");
    }

    /** "8 threads on 2 cores" when there are more threads than cores (0: cores unknown), else as {@link #threads(int)}. */
    static String threads(int threads, int cores) {
        return threads(threads) + (cores > 0 && threads > cores ? " on " + cores + " cores" : "");
    }

    /** As {@link #evaluate(JmhResults, ResultFile, ResultFile, ResultFile, ResultFile, int)}, the cores unknown. */
    public static List<Target> evaluate(JmhResults jmh, ResultFile propagation, ResultFile statements,
            ResultFile heapMemory, ResultFile heapPostgres) {
        return evaluate(jmh, propagation, statements, heapMemory, heapPostgres, 0);
    }

    /**
     * Every target with its figure and verdict. Any argument may be null (or empty): its targets are then
     * "not measured". {@code cores} (0 if unknown) is named beside thread counts above it.
     */
    public static List<Target> evaluate(JmhResults jmh, ResultFile propagation, ResultFile statements,
            ResultFile heapMemory, ResultFile heapPostgres, int cores) {
        List<Target> targets = new ArrayList<>();
        List<Overheads> overheads = jmh == null ? List.of() : overheads(jmh);
        if (overheads.isEmpty()) {
            targets.add(new Target("closed-state overhead per call, PostgreSQL store vs memory store", "-",
                    "<= " + POSTGRES_VS_MEMORY + "x", Status.NOT_MEASURED));
            targets.add(new Target("closed-state overhead per call, PostgreSQL store vs SmallRye", "-",
                    "<= " + OURS_VS_SMALLRYE + "x", Status.NOT_MEASURED));
        }
        for (Overheads o : overheads) {
            double pg = o.overhead("postgres");
            double memory = o.overhead("memory");
            double smallrye = o.overhead("smallrye");
            String noisyMemory = noise(o.plain(), o.plainError(), o.scores().getOrDefault("postgres", Double.NaN),
                    o.errors().getOrDefault("postgres", Double.NaN), o.scores().getOrDefault("memory", Double.NaN),
                    o.errors().getOrDefault("memory", Double.NaN));
            String noisySmallRye = noise(o.plain(), o.plainError(), o.scores().getOrDefault("postgres", Double.NaN),
                    o.errors().getOrDefault("postgres", Double.NaN), o.scores().getOrDefault("smallrye", Double.NaN),
                    o.errors().getOrDefault("smallrye", Double.NaN));
            targets.add(new Target("closed-state overhead per call, PostgreSQL store vs memory store (" + o.policy() + ", "
                    + threads(o.threads(), cores) + ")", ratio(pg, memory) + " (" + ns(pg) + " vs " + ns(memory) + noisyMemory + ")",
                    "<= " + POSTGRES_VS_MEMORY + "x", atMost(pg, POSTGRES_VS_MEMORY, memory)));
            targets.add(new Target("closed-state overhead per call, PostgreSQL store vs SmallRye (" + o.policy() + ", "
                    + threads(o.threads(), cores) + ")", ratio(pg, smallrye) + " (" + ns(pg) + " vs " + ns(smallrye) + noisySmallRye + ")",
                    "<= " + OURS_VS_SMALLRYE + "x", atMost(pg, OURS_VS_SMALLRYE, smallrye)));
        }
        List<Integer> threadCounts = jmh == null ? List.of() : jmh.threadCounts();
        boolean anyRejected = false;
        for (int threads : threadCounts) {
            double smallrye = jmh.find(JmhResults.REJECTED, threads, "smallrye", null).map(JmhResults.Row::scoreNanos)
                    .orElse(Double.NaN);
            double smallryeError = jmh.find(JmhResults.REJECTED, threads, "smallrye", null).map(JmhResults.Row::errorNanos)
                    .orElse(Double.NaN);
            for (String ours : List.of("postgres", "memory")) {
                double score = jmh.find(JmhResults.REJECTED, threads, ours, null).map(JmhResults.Row::scoreNanos)
                        .orElse(Double.NaN);
                double error = jmh.find(JmhResults.REJECTED, threads, ours, null).map(JmhResults.Row::errorNanos)
                        .orElse(Double.NaN);
                if (Double.isNaN(score) && Double.isNaN(smallrye)) {
                    continue;
                }
                anyRejected = true;
                targets.add(new Target("rejected call (open breaker), " + (ours.equals("postgres") ? "PostgreSQL" : "memory")
                        + " store vs SmallRye (" + threads(threads, cores) + ")", ratio(score, smallrye) + " (" + ns(score) + " vs "
                        + ns(smallrye) + noise(score, error, smallrye, smallryeError) + ")", "<= " + REJECTED_VS_SMALLRYE + "x", atMost(score, REJECTED_VS_SMALLRYE, smallrye)));
            }
        }
        if (!anyRejected) {
            targets.add(new Target("rejected call (open breaker) vs SmallRye", "-", "<= " + REJECTED_VS_SMALLRYE + "x",
                    Status.NOT_MEASURED));
        }

        targets.addAll(FloorTargets.evaluate(jmh, overheads));

        OptionalDouble perThousand = statements == null ? OptionalDouble.empty() : statements.number("per.1000.calls");
        targets.add(new Target("database statements per guarded call in the closed state (PostgreSQL store)",
                perThousand.isEmpty() ? "-"
                        : String.format(Locale.ROOT, "%.2f per 1,000 calls (%s, %s calls)", perThousand.getAsDouble(),
                                statements.get("counter"), statements.get("calls")),
                "0 (< " + STATEMENTS_PER_1000_ZERO + " per 1,000 calls)", below(perThousand, STATEMENTS_PER_1000_ZERO)));

        OptionalDouble median = propagation == null ? OptionalDouble.empty() : propagation.number("delay.median.ms");
        OptionalDouble p99 = propagation == null ? OptionalDouble.empty() : propagation.number("delay.p99.ms");
        String n = propagation == null ? "" : ", n=" + propagation.get("samples");
        targets.add(new Target("propagation of an opening to another instance, median",
                median.isEmpty() ? "-" : String.format(Locale.ROOT, "%.3f ms%s", median.getAsDouble(), n),
                "< " + ResultFile.format(PROPAGATION_MEDIAN_MS) + " ms", below(median, PROPAGATION_MEDIAN_MS)));
        targets.add(new Target("propagation of an opening to another instance, p99",
                p99.isEmpty() ? "-" : String.format(Locale.ROOT, "%.3f ms%s", p99.getAsDouble(), n),
                "< " + ResultFile.format(PROPAGATION_P99_MS) + " ms", below(p99, PROPAGATION_P99_MS)));

        ResultFile[] heaps = {heapMemory, heapPostgres};
        for (int i = 0; i < heaps.length; i++) {
            ResultFile heap = heaps[i];
            String store = i == 0 ? "memory" : "PostgreSQL";
            OptionalDouble mb = heap == null ? OptionalDouble.empty() : per10000(heap);
            targets.add(new Target("heap held by 10,000 breakers, " + store + " store",
                    mb.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f MB (%s breakers, %.0f bytes each)", mb.getAsDouble(),
                            heap.get("breakers"), heap.number("bytes.per.breaker").orElse(Double.NaN)),
                    "< " + ResultFile.format(HEAP_MB) + " MB", below(mb, HEAP_MB)));
        }
        return targets;
    }
}
