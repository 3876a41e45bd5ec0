package org.resilientcircuit.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JMH part of {@code RESULTS.md} and the chart: overhead over the plain call and over the floor, bytes
 * allocated per call, the rejected call, and every result. Thread counts above the machine's cores are
 * marked as such, since those figures measure time-sharing as much as contention.
 */
final class JmhSections {

    private final JmhResults jmh;
    private final int cores;

    /** {@code cores}: the machine's, 0 if unknown. */
    JmhSections(JmhResults jmh, int cores) {
        this.jmh = jmh;
        this.cores = cores;
    }

    void append(StringBuilder md) {
        md.append("## Closed-state overhead per call (JMH, average time, ns/op)\n\n");
        if (jmh.isEmpty()) {
            md.append("No JMH results (`benchmarks/target/jmh.csv` missing).\n\n");
            return;
        }
        md.append("Overhead = the guarded call's score minus the plain (unguarded) call's score at the same thread count.")
                .append(coresNote()).append("\n\n");
        md.append("![overhead per call](chart.svg)\n\n");
        overPlain(md);
        overFloor(md);
        allocation(md);
        rejected(md);
        everyResult(md);
    }

    private String coresNote() {
        return cores > 0 ? " The machine has " + cores + " cores: at more threads than that, threads also wait for a core." : "";
    }

    private void overPlain(StringBuilder md) {
        md.append("| policy | threads | plain | memory | postgres | smallrye | overhead memory | overhead postgres | overhead smallrye"
                + " | postgres / memory | postgres / smallrye | memory / smallrye |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Targets.Overheads o : Targets.overheads(jmh)) {
            md.append("| ").append(o.policy()).append(" | ").append(threads(o.threads())).append(" | ").append(num(o.plain()));
            for (String implementation : Targets.IMPLEMENTATIONS) {
                md.append(" | ").append(num(o.score(implementation)));
            }
            for (String implementation : Targets.IMPLEMENTATIONS) {
                md.append(" | ").append(num(o.overhead(implementation)));
            }
            md.append(" | ").append(Targets.ratio(o.overhead("postgres"), o.overhead("memory")))
                    .append(" | ").append(Targets.ratio(o.overhead("postgres"), o.overhead("smallrye")))
                    .append(" | ").append(Targets.ratio(o.overhead("memory"), o.overhead("smallrye"))).append(" |\n");
        }
    }

    private void overFloor(StringBuilder md) {
        md.append("\n## Closed-state overhead over the floor (JMH, average time, ns/op)\n\n");
        md.append("The floor: the same method with one no-op `@AroundInvoke` interceptor and no fault tolerance. Over the floor =")
                .append(" the guarded call's score minus the floor's at the same policy and thread count: the implementation's own")
                .append(" work, without what the container's interception costs any interceptor.\n\n");
        md.append("| policy | threads | floor | over floor memory | over floor postgres | over floor smallrye"
                + " | memory / smallrye | postgres / smallrye |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Targets.Overheads o : Targets.overheads(jmh)) {
            md.append("| ").append(o.policy()).append(" | ").append(threads(o.threads())).append(" | ")
                    .append(num(o.score(Targets.FLOOR)));
            for (String implementation : Targets.IMPLEMENTATIONS) {
                md.append(" | ").append(num(o.overFloor(implementation)));
            }
            md.append(" | ").append(Targets.ratio(o.overFloor("memory"), o.overFloor("smallrye")))
                    .append(" | ").append(Targets.ratio(o.overFloor("postgres"), o.overFloor("smallrye"))).append(" |\n");
        }
    }

    private void allocation(StringBuilder md) {
        md.append("\n## Bytes allocated per call (JMH GC profiler, gc.alloc.rate.norm, B/op)\n\n");
        md.append("Per guarded call, and the same minus the floor's (target 0). The plain call allocates ")
                .append(bytesPerThread(JmhResults.PLAIN, null)).append("; a rejected call: memory ")
                .append(bytesPerThread(JmhResults.REJECTED, "memory")).append(", postgres ")
                .append(bytesPerThread(JmhResults.REJECTED, "postgres")).append(", smallrye ")
                .append(bytesPerThread(JmhResults.REJECTED, "smallrye")).append(".\n\n");
        md.append("| policy | threads | floor | memory | postgres | smallrye | memory - floor | postgres - floor | smallrye - floor |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Targets.Overheads o : Targets.overheads(jmh)) {
            double floor = jmh.allocation(JmhResults.GUARDED, o.threads(), Targets.FLOOR, o.policy());
            md.append("| ").append(o.policy()).append(" | ").append(threads(o.threads())).append(" | ").append(FloorTargets.bytes(floor));
            for (String implementation : Targets.IMPLEMENTATIONS) {
                md.append(" | ").append(FloorTargets.bytes(jmh.allocation(JmhResults.GUARDED, o.threads(), implementation, o.policy())));
            }
            for (String implementation : Targets.IMPLEMENTATIONS) {
                md.append(" | ").append(FloorTargets.bytes(
                        jmh.allocation(JmhResults.GUARDED, o.threads(), implementation, o.policy()) - floor));
            }
            md.append(" |\n");
        }
    }

    /** "12.0 / 12.0 B/op at 1 / 2 threads", or "-" if not measured. */
    private String bytesPerThread(String benchmark, String implementation) {
        List<String> values = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        for (int threads : jmh.threadCounts()) {
            double bytes = jmh.allocation(benchmark, threads, implementation, null);
            if (!Double.isNaN(bytes)) {
                values.add(FloorTargets.bytes(bytes));
                counts.add(Integer.toString(threads));
            }
        }
        return values.isEmpty() ? "-"
                : String.join(" / ", values) + " B/op at " + String.join(" / ", counts) + (counts.size() == 1 ? " thread" : " threads");
    }

    private void rejected(StringBuilder md) {
        md.append("\n## Rejected call, breaker open (JMH, average time, ns/op)\n\n");
        md.append("The whole call as the caller sees it, rejection and exception included (no baseline subtracted).\n\n");
        md.append("| threads | memory | postgres | smallrye | memory / smallrye | postgres / smallrye |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (int threads : jmh.threadCounts()) {
            double[] scores = new double[3];
            for (int i = 0; i < 3; i++) {
                scores[i] = jmh.find(JmhResults.REJECTED, threads, Targets.IMPLEMENTATIONS.get(i), null)
                        .map(JmhResults.Row::scoreNanos).orElse(Double.NaN);
            }
            md.append("| ").append(threads(threads)).append(" | ").append(num(scores[0])).append(" | ").append(num(scores[1]))
                    .append(" | ").append(num(scores[2])).append(" | ").append(Targets.ratio(scores[0], scores[2]))
                    .append(" | ").append(Targets.ratio(scores[1], scores[2])).append(" |\n");
        }
    }

    /** The primary results, each with its bytes per call; the GC profiler's other rows are left to the CSV. */
    private void everyResult(StringBuilder md) {
        md.append("\n## Every JMH result\n\n| benchmark | implementation | policy | threads | samples | score | error (99.9%) | unit"
                + " | B/op |\n");
        md.append("| --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: |\n");
        for (JmhResults.Row r : jmh.rows()) {
            if (r.benchmark().contains(":")) {
                continue;
            }
            String implementation = r.param("implementation");
            String policy = r.param("policy");
            double bytes = jmh.allocation(r.benchmark(), r.threads(), implementation.isEmpty() ? null : implementation,
                    policy.isEmpty() ? null : policy);
            md.append("| ").append(r.benchmark()).append(" | ").append(dash(implementation)).append(" | ")
                    .append(dash(policy)).append(" | ").append(r.threads()).append(" | ").append(r.samples())
                    .append(" | ").append(num(r.score())).append(" | ").append(num(r.error())).append(" | ").append(r.unit())
                    .append(" | ").append(FloorTargets.bytes(bytes)).append(" |\n");
        }
        md.append("\n");
    }

    /** "4 (2 cores)" above the core count, else the number. */
    private String threads(int threads) {
        return threads + (cores > 0 && threads > cores ? " (" + cores + " cores)" : "");
    }

    String chart() {
        List<SvgChart.Group> overheads = new ArrayList<>();
        List<SvgChart.Group> rejected = new ArrayList<>();
        if (!jmh.isEmpty()) {
            for (Targets.Overheads o : Targets.overheads(jmh)) {
                double[] values = new double[Targets.IMPLEMENTATIONS.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = o.overhead(Targets.IMPLEMENTATIONS.get(i));
                }
                overheads.add(new SvgChart.Group(o.policy(), Targets.threads(o.threads()), values));
            }
            for (int threads : jmh.threadCounts()) {
                double[] values = new double[Targets.IMPLEMENTATIONS.size()];
                boolean any = false;
                for (int i = 0; i < values.length; i++) {
                    values[i] = jmh.find(JmhResults.REJECTED, threads, Targets.IMPLEMENTATIONS.get(i), null)
                            .map(JmhResults.Row::scoreNanos).orElse(Double.NaN);
                    any |= !Double.isNaN(values[i]);
                }
                if (any) {
                    rejected.add(new SvgChart.Group("rejected", Targets.threads(threads), values));
                }
            }
        }
        List<SvgChart.Panel> panels = new ArrayList<>();
        panels.add(new SvgChart.Panel("Closed-state overhead (guarded minus plain call)", "ns per call", overheads));
        if (!rejected.isEmpty()) {
            panels.add(new SvgChart.Panel("Rejected call (breaker open)", "ns per call", rejected));
        }
        return SvgChart.chart("Cost per guarded call (JMH, average time)", Targets.IMPLEMENTATIONS, panels);
    }

    static String num(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.2f", value);
    }

    private static String dash(String value) {
        return value.isEmpty() ? "-" : value;
    }
}
