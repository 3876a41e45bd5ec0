package org.resilientcircuit.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Writes {@code RESULTS.md} (every figure, the ratios the targets are about, and for each target met or
 * missed) and {@code chart.svg} (the JMH part through {@link JmhSections}) from the JMH CSV (if present) and the harness's result files.
 *
 * <pre>
 * java -cp ... org.resilientcircuit.benchmarks.report.Report [--jmh benchmarks/target/jmh.csv]
 *      [--data benchmarks/target/fleet] [--out benchmarks/results] [--quick]
 * </pre>
 */
public final class Report {

    private final JmhResults jmh;
    private final ResultFile machine;
    private final ResultFile propagation;
    private final ResultFile statements;
    private final ResultFile convergence;
    private final ResultFile heapMemory;
    private final ResultFile heapPostgres;
    private final boolean quick;

    Report(JmhResults jmh, Path data, boolean quick) {
        this.jmh = jmh;
        this.machine = ResultFile.read(data.resolve("machine.properties"));
        this.propagation = ResultFile.read(data.resolve("propagation.properties"));
        this.statements = ResultFile.read(data.resolve("statements.properties"));
        this.convergence = ResultFile.read(data.resolve("convergence.properties"));
        this.heapMemory = ResultFile.read(data.resolve("heap-memory.properties"));
        this.heapPostgres = ResultFile.read(data.resolve("heap-postgres.properties"));
        this.quick = quick;
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of("benchmarks/target/jmh.csv");
        Path data = Path.of("benchmarks/target/fleet");
        Path out = Path.of("benchmarks/results");
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jmh" -> csv = Path.of(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Report report = new Report(JmhResults.read(csv), data, quick);
        Files.createDirectories(out);
        Files.writeString(out.resolve("RESULTS.md"), report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("chart.svg"), report.chart(), StandardCharsets.UTF_8);
        System.err.println("[report] wrote " + out.resolve("RESULTS.md") + " and " + out.resolve("chart.svg"));
        for (Targets.Target t : report.targets()) {
            System.err.println("[report]   " + t.status().label.replace("*", "") + ": " + t.name() + ": " + t.figure());
        }
    }

    List<Targets.Target> targets() {
        return Targets.evaluate(jmh, propagation, statements, heapMemory, heapPostgres, cores());
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Written by `benchmarks/run.sh` (`org.resilientcircuit.benchmarks.report.Report`); how each figure is measured: ")
                .append("[../README.md](../README.md).");
        if (quick) {
            md.append(" **Quick run** (`--quick`): fewer iterations and samples; not figures of record.");
        }
        md.append("\n\n");
        machineSection(md);
        md.append("## Targets\n\n| target | figure | limit | verdict |\n| --- | --- | --- | --- |\n");
        List<Targets.Target> targets = targets();
        for (Targets.Target t : targets) {
            md.append("| ").append(t.name()).append(" | ").append(t.figure()).append(" | ").append(t.limit()).append(" | ")
                    .append(t.status().label).append(" |\n");
        }
        long met = targets.stream().filter(t -> t.status() == Targets.Status.MET).count();
        long missed = targets.stream().filter(t -> t.status() == Targets.Status.MISSED).count();
        long absent = targets.size() - met - missed;
        md.append("\n").append(met).append(" met, ").append(missed).append(" missed")
                .append(absent > 0 ? ", " + absent + " not measured" : "").append(".\n\n");
        new JmhSections(jmh, cores()).append(md);
        fleetSections(md);
        return md.toString();
    }

    private void machineSection(StringBuilder md) {
        ResultFile here = machine != null ? machine : ResultFileMachine.current();
        md.append("## Machine\n\n| | |\n| --- | --- |\n");
        for (String key : List.of("date", "cores", "cpu", "os", "jdk", "postgresql", "database", "statement.counter",
                "load.average")) {
            String value = here.get(key);
            if (value != null) {
                md.append("| ").append(key.equals("load.average") ? "load average (1, 5, 15 min) when the harness started" : key)
                        .append(" | ").append(value).append(" |\n");
            }
        }
        md.append("\n");
    }

    private void fleetSections(StringBuilder md) {
        md.append("## Fleet: member processes on one PostgreSQL\n\n");
        md.append("### Propagation of an opening\n\n");
        if (propagation == null) {
            md.append("Not measured.\n\n");
        } else {
            md.append("From the start of the opener's tripping call to the moment another member's own view showed OPEN")
                    .append(" (it rejects from then on), System.nanoTime() in both processes (CLOCK_MONOTONIC, one clock per host). ")
                    .append(propagation.get("members")).append(" members, ").append(propagation.get("openings"))
                    .append(" openings (after ").append(propagation.get("warmup.openings"))
                    .append(" warm-up), the opener rotating; every other member is one sample.\n\n");
            md.append("| | n | median | p99 | max |\n| --- | ---: | ---: | ---: | ---: |\n");
            md.append("| view OPEN (rejecting) | ").append(propagation.get("samples")).append(" | ")
                    .append(ms(propagation.number("delay.median.ms"))).append(" | ").append(ms(propagation.number("delay.p99.ms")))
                    .append(" | ").append(ms(propagation.number("delay.max.ms"))).append(" |\n");
            if (propagation.get("event.samples") != null && propagation.number("event.median.ms").isPresent()) {
                md.append("| `BreakerStateChanged` event observed | ").append(propagation.get("event.samples")).append(" | ")
                        .append(ms(propagation.number("event.median.ms"))).append(" | ")
                        .append(ms(propagation.number("event.p99.ms"))).append(" | ")
                        .append(ms(propagation.number("event.max.ms"))).append(" |\n");
            }
            if (propagation.number("write.median.ms").isPresent()) {
                md.append("| of which: decision to row written (`updated_at`, wall clock) | ").append(propagation.get("openings"))
                        .append(" | ").append(ms(propagation.number("write.median.ms"))).append(" | ")
                        .append(ms(propagation.number("write.p99.ms"))).append(" | |\n");
                md.append("| of which: row written to view OPEN (commit, NOTIFY, change feed) | ").append(propagation.get("samples"))
                        .append(" | ").append(ms(propagation.number("notify.median.ms"))).append(" | ")
                        .append(ms(propagation.number("notify.p99.ms"))).append(" | |\n");
            }
            if (propagation.number("bare.notify.median.ms").isPresent()) {
                md.append("| for comparison: a bare `NOTIFY` between two connections of one process (statement, commit, delivery) | ")
                        .append(propagation.get("bare.notify.samples")).append(" | ")
                        .append(ms(propagation.number("bare.notify.median.ms"))).append(" | ")
                        .append(ms(propagation.number("bare.notify.p99.ms"))).append(" | |\n");
            }
            md.append("\nA call made right after each observation was rejected without reaching the method in ")
                    .append(propagation.get("rejected.confirmed")).append(" of ").append(propagation.get("samples"))
                    .append(" samples; observations of another version or writer than the opener's: ")
                    .append(propagation.get("version.mismatches")).append(". Every sample: [data/propagation-samples.csv](data/propagation-samples.csv).")
                    .append(propagation.get("load.average.after") == null ? ""
                            : " Load average (1, 5, 15 min) when the propagation rounds ended: " + propagation.get("load.average.after")
                                    + " on " + (machine == null ? "?" : machine.get("cores")) + " cores.")
                    .append("\n\n");
        }
        md.append("### Database statements per guarded call (closed state)\n\n");
        if (statements == null) {
            md.append("Not measured.\n\n");
        } else {
            md.append("Counted by the server for the benchmark database: ").append(statements.get("counted")).append(". ")
                    .append(statements.get("calls")).append(" successful guarded calls across ").append(statements.get("members"))
                    .append(" members, against an idle window of the same length.\n\n");
            md.append("| | value |\n| --- | ---: |\n");
            md.append("| window with the calls | ").append(statements.get("busy.count")).append(" in ")
                    .append(statements.get("busy.window.ms")).append(" ms |\n");
            md.append("| idle window | ").append(statements.get("idle.count")).append(" in ")
                    .append(statements.get("idle.window.ms")).append(" ms |\n");
            md.append("| **per 1,000 guarded calls** (busy minus idle) | **")
                    .append(fixed(statements.number("per.1000.calls"), 2)).append("** |\n");
            md.append("| background (the members' polls), per second | ")
                    .append(fixed(statements.number("background.per.second"), 2)).append(" (")
                    .append(fixed(statements.number("background.per.second.per.member"), 2)).append(" per member) |\n");
            md.append("| calls took (slowest member) | ").append(fixed(statements.number("burst.slowest.member.ms"), 1))
                    .append(" ms |\n\n");
        }
        md.append("### Convergence of simultaneous openings\n\n");
        if (convergence == null) {
            md.append("Not measured.\n\n");
        } else {
            boolean attempts = "true".equals(convergence.get("attempts.counted"));
            md.append(convergence.get("members")).append(" members trip the breaker at one agreed System.nanoTime(), ")
                    .append(convergence.get("rounds")).append(" rounds (after one warm-up round), views sampled every ")
                    .append(convergence.get("sampling.ms")).append(" ms. Converged: every member's view equals the row (OPEN, same version, same `changed_by`).\n\n");
            md.append("| | value |\n| --- | ---: |\n");
            md.append("| rounds in which all members converged | ").append(convergence.get("rounds.all.converged")).append(" of ")
                    .append(convergence.get("rounds")).append(" |\n");
            md.append("| time until all converged, median / max | ").append(ms(convergence.number("converged.median.ms")))
                    .append(" / ").append(ms(convergence.number("converged.max.ms"))).append(" |\n");
            md.append("| time until all rejected (view OPEN), median / max | ")
                    .append(ms(convergence.number("all.rejecting.median.ms"))).append(" / ")
                    .append(ms(convergence.number("all.rejecting.max.ms"))).append(" |\n");
            md.append("| members whose failing call at that moment was admitted and tripped their window (proposals) | ")
                    .append(convergence.get("proposals.total")).append(" of ").append(convergence.get("proposals.possible"))
                    .append(" |\n");
            md.append("| compare-and-set attempts that reached the database | ")
                    .append(attempts ? convergence.get("attempts.total") + " (pg_stat_statements; rows updated: "
                            + convergence.get("attempts.rows.total") + ")" : "not counted (pg_stat_statements not loaded)")
                    .append(" |\n");
            md.append("| wins (row version increments) | ").append(convergence.get("wins.total")).append(" |\n");
            md.append("| rounds with exactly one win / with a gap-free version history | ")
                    .append(convergence.get("rounds.one.win")).append(" / ").append(convergence.get("rounds.gap.free"))
                    .append(" |\n\nEvery round: [data/convergence-rounds.csv](data/convergence-rounds.csv).")
                    .append(convergence.get("load.average.after") == null ? ""
                            : " Load average (1, 5, 15 min) when the rounds ended: " + convergence.get("load.average.after") + ".")
                    .append("\n\n");
        }
        md.append("### Heap held by 10,000 breakers\n\n");
        if (heapMemory == null && heapPostgres == null) {
            md.append("Not measured.\n\n");
        } else {
            md.append("| store | breakers | retained heap | per breaker | GC |\n| --- | ---: | ---: | ---: | --- |\n");
            for (ResultFile heap : new ResultFile[] {heapMemory, heapPostgres}) {
                if (heap != null) {
                    md.append("| ").append(heap.get("store")).append(" | ").append(heap.get("breakers")).append(" | ")
                            .append(fixed(heap.number("heap.mb"), 2)).append(" MB | ")
                            .append(fixed(heap.number("bytes.per.breaker"), 0)).append(" bytes | ").append(heap.get("gc"))
                            .append(" |\n");
                }
            }
            ResultFile any = heapMemory != null ? heapMemory : heapPostgres;
            md.append("\nIncluded ").append(any.get("included")).append(".\n");
        }
    }

    String chart() {
        return new JmhSections(jmh, cores()).chart();
    }

    /** The machine's cores: as the harness recorded them, else this JVM's; 0 if unknown. */
    private int cores() {
        String recorded = machine == null ? null : machine.get("cores");
        try {
            return recorded == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(recorded.strip());
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }

    private static String ms(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.3f ms", value.getAsDouble()) : "-";
    }

    private static String fixed(OptionalDouble value, int decimals) {
        return value.isPresent() ? String.format(Locale.ROOT, "%." + decimals + "f", value.getAsDouble()) : "-";
    }

    /** The machine this report runs on, when the harness left no machine.properties. */
    static final class ResultFileMachine {

        private ResultFileMachine() {
        }

        static ResultFile current() {
            ResultFile machine = new ResultFile();
            machine.put("date", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            machine.put("cores", Runtime.getRuntime().availableProcessors());
            machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
            machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
            machine.put("postgresql", "(not recorded: no harness run)");
            return machine;
        }
    }
}
