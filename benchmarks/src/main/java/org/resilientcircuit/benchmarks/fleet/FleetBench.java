package org.resilientcircuit.benchmarks.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.resilientcircuit.benchmarks.report.ResultFile;
import org.resilientcircuit.benchmarks.report.Stats;

/**
 * The multi-process harness: member JVMs ({@link BenchMember}) sharing breaker state through one real
 * PostgreSQL database ({@code RC_BENCH_JDBC_URL}, default {@value BenchDatabase#DEFAULT_URL}), each run in
 * a fresh {@code rc.namespace}. Measures propagation of an opening, statements per guarded call in the
 * closed state, and convergence of simultaneous openings, and writes them as simple files into the
 * output directory (machine.properties, propagation.properties and propagation-samples.csv,
 * statements.properties, convergence.properties and convergence-rounds.csv).
 *
 * <pre>
 * java -cp ... org.resilientcircuit.benchmarks.fleet.FleetBench --out benchmarks/target/fleet
 *      [--quick] [--openings 200] [--warmup 10] [--members 3] [--calls 100000]
 *      [--convergence-members 8] [--convergence-rounds 10] [--only propagation,statements,convergence]
 * </pre>
 */
public final class FleetBench {

    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** PostgreSQL publishes an idle backend's statistics up to PGSTAT_IDLE_INTERVAL (10 s) late. */
    private static final long STATISTICS_LAG_MILLIS = 11_000;

    private final BenchDatabase db;
    private final Path out;
    private final Options options;

    record Options(int openings, int warmup, int members, int calls, int convergenceMembers, int convergenceRounds,
            int sampleMicros, List<String> only) {

        boolean runs(String part) {
            return only.isEmpty() || only.contains(part);
        }
    }

    private FleetBench(BenchDatabase db, Path out, Options options) {
        this.db = db;
        this.out = out;
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("benchmarks/target/fleet");
        boolean quick = false;
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> quick = true;
                default -> {
                    if (!args[i].startsWith("--") || i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown argument " + args[i]);
                    }
                    values.put(args[i].substring(2), args[++i]);
                }
            }
        }
        Options options = new Options(
                Integer.parseInt(values.getOrDefault("openings", quick ? "40" : "200")),
                Integer.parseInt(values.getOrDefault("warmup", quick ? "5" : "20")),
                Integer.parseInt(values.getOrDefault("members", "3")),
                Integer.parseInt(values.getOrDefault("calls", quick ? "30000" : "100000")),
                Integer.parseInt(values.getOrDefault("convergence-members", "8")),
                Integer.parseInt(values.getOrDefault("convergence-rounds", quick ? "3" : "10")),
                Integer.parseInt(values.getOrDefault("sample-us", "50")),
                values.containsKey("only") ? List.of(values.get("only").split(",")) : List.of());
        try (BenchDatabase db = BenchDatabase.open()) {
            run(db, out, options);
        }
        System.exit(0);
    }

    /** Runs the parts of {@code options} on {@code db}, writing the result files into {@code out}. */
    static void run(BenchDatabase db, Path out, Options options) throws Exception {
        FleetBench bench = new FleetBench(db, out, options);
        bench.machine();
        if (options.runs("propagation") || options.runs("statements")) {
            bench.propagationAndStatements();
        }
        if (options.runs("convergence")) {
            bench.convergence();
        }
    }

    static void log(String message) {
        System.err.println("[fleet] " + message);
    }

    private void machine() throws SQLException {
        ResultFile machine = machineInfo();
        machine.put("postgresql", db.serverVersion());
        machine.put("statement.counter", db.counter == BenchDatabase.Counter.PG_STAT_STATEMENTS ? "pg_stat_statements"
                : "pg_stat_database");
        machine.put("database", db.host + ":" + db.port + "/" + db.name);
        machine.write(out.resolve("machine.properties"), "the machine of the fleet run");
        log("database " + db.host + ":" + db.port + "/" + db.name + ", counting with " + machine.get("statement.counter"));
    }

    /** Cores, CPU, operating system, JDK and date of this run. */
    public static ResultFile machineInfo() {
        ResultFile machine = new ResultFile();
        machine.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        machine.put("load.average", loadAverage());
        return machine;
    }

    /** The 1, 5 and 15 minute load averages (Linux), to show whether other work shared the cores. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).strip().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException unknown) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException unknown) {
            // not Linux
        }
        return "unknown";
    }

    /** Member processes of one run: one fresh namespace, deleted (rows and processes) on close. */
    private final class Fleet implements AutoCloseable {

        final String namespace;
        final List<MemberProcess> members = new ArrayList<>();

        Fleet(String label, int size) {
            this.namespace = "bench-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
            Path logs = out.resolve("logs").resolve(namespace);
            for (int i = 1; i <= size; i++) {
                Map<String, String> properties = new LinkedHashMap<>(db.rcProperties());
                properties.put("rc.namespace", namespace);
                properties.put("rc.instance", label.charAt(0) + Integer.toString(i));
                properties.put("rc.schema.create", "false"); // applied by the harness
                members.add(MemberProcess.launch(label.charAt(0) + Integer.toString(i), properties, logs));
            }
            long start = System.nanoTime();
            members.forEach(m -> m.awaitReady(START_TIMEOUT));
            log(size + " members up in namespace " + namespace + " after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms (logs: " + logs + ")");
        }

        long version() {
            return Long.parseLong(members.get(0).ask("state", "STATE")[1]);
        }

        /** Every member CLOSED at {@code version} or later; returns the version member 0 sees. */
        void awaitClosed(long version) {
            members.forEach(m -> m.send("await-closed " + version + " 20000"));
            members.forEach(m -> m.expectWord("CLOSED", MemberProcess.ANSWER_TIMEOUT));
        }

        /** Closes the breaker through the maintenance API of member 0; waits until every member sees it. */
        long reset() {
            long version = Long.parseLong(members.get(0).ask("reset", "RESET")[0]);
            awaitClosed(version);
            return version;
        }

        @Override
        public void close() {
            members.forEach(MemberProcess::close);
            try {
                db.deleteNamespace(namespace);
            } catch (SQLException e) {
                log("could not delete the rows of " + namespace + ": " + e);
            }
        }
    }

    private void propagationAndStatements() throws Exception {
        try (Fleet fleet = new Fleet("propagation", options.members())) {
            for (MemberProcess m : fleet.members) {
                m.ask("call ok", "SUCCESS");
            }
            if (options.runs("propagation")) {
                propagation(fleet);
            }
            if (options.runs("statements")) {
                statements(fleet);
            }
        }
    }

    /**
     * Each round: every member but the opener samples its own view ({@code watch}); the opener fails
     * until its view is OPEN; each watcher reports when its view first showed the opening and whether
     * a call was then rejected. Delay = watcher's time minus the start of the opener's tripping call
     * (System.nanoTime(), CLOCK_MONOTONIC, one clock for all processes of the host). The opener rotates.
     * After each opening the breaker is reset through the maintenance API and every member waits until
     * it sees it CLOSED.
     */
    private void propagation(Fleet fleet) throws IOException {
        List<MemberProcess> members = fleet.members;
        long version = fleet.version();
        fleet.awaitClosed(version);
        List<Double> viewMillis = new ArrayList<>();
        List<Double> eventMillis = new ArrayList<>();
        List<Double> writeMillis = new ArrayList<>();
        List<Double> deliverMillis = new ArrayList<>();
        StringBuilder csv = new StringBuilder(
                "round,opener,member,version,delay_view_ms,delay_event_ms,rejected,decision_to_row_ms,row_to_view_ms\n");
        int rejectedConfirmed = 0;
        int wrongVersion = 0;
        int rounds = options.warmup() + options.openings();
        log("propagation: " + options.openings() + " openings after " + options.warmup() + " warm-up, "
                + members.size() + " members");
        for (int round = 0; round < rounds; round++) {
            MemberProcess opener = members.get(round % members.size());
            List<MemberProcess> watchers = new ArrayList<>(members);
            watchers.remove(opener);
            for (MemberProcess w : watchers) {
                w.ask("watch " + version + " 20000 " + options.sampleMicros(), "WATCHING");
            }
            String[] tripped = opener.ask("trip", "TRIPPED");
            long decided = Long.parseLong(tripped[0]);
            long opened = Long.parseLong(tripped[3]);
            long decidedMicros = Long.parseLong(tripped[4]);
            List<String[]> observations = new ArrayList<>();
            for (MemberProcess w : watchers) {
                observations.add(w.expectWord("OBSERVED", MemberProcess.ANSWER_TIMEOUT));
            }
            long rowMicros = rowUpdatedMicros(fleet, opened);
            double write = rowMicros < 0 ? Double.NaN : (rowMicros - decidedMicros) / 1e3;
            if (round >= options.warmup() && !Double.isNaN(write)) {
                writeMillis.add(write);
            }
            for (int i = 0; i < watchers.size(); i++) {
                MemberProcess w = watchers.get(i);
                String[] seen = observations.get(i);
                long seenAt = Long.parseLong(seen[0]);
                long seenVersion = Long.parseLong(seen[1]);
                boolean rejected = Boolean.parseBoolean(seen[3]);
                long event = Long.parseLong(seen[4]);
                double view = (seenAt - decided) / 1e6;
                double viaEvent = event > 0 ? (event - decided) / 1e6 : Double.NaN;
                double deliver = rowMicros < 0 ? Double.NaN : (Long.parseLong(seen[5]) - rowMicros) / 1e3;
                boolean measured = round >= options.warmup();
                if (seenVersion != opened || !seen[2].equals(opener.name)) {
                    wrongVersion++;
                }
                if (measured) {
                    viewMillis.add(view);
                    if (!Double.isNaN(viaEvent)) {
                        eventMillis.add(viaEvent);
                    }
                    if (rejected) {
                        rejectedConfirmed++;
                    }
                    if (!Double.isNaN(deliver)) {
                        deliverMillis.add(deliver);
                    }
                }
                csv.append(round).append(',').append(opener.name).append(',').append(w.name).append(',')
                        .append(seenVersion).append(',').append(ResultFile.format(view)).append(',')
                        .append(ResultFile.format(viaEvent)).append(',').append(rejected).append(',')
                        .append(ResultFile.format(write)).append(',').append(ResultFile.format(deliver))
                        .append(measured ? "" : ",warm-up").append('\n');
            }
            version = fleet.reset();
            sleepMillis(5 + round % 7); // no fixed phase against the members' 1 s poll
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("propagation-samples.csv"), csv, StandardCharsets.UTF_8);
        ResultFile result = new ResultFile();
        result.put("members", members.size());
        result.put("openings", options.openings());
        result.put("warmup.openings", options.warmup());
        result.put("samples", viewMillis.size());
        result.put("delay.median.ms", Stats.percentile(viewMillis, 50));
        result.put("delay.p99.ms", Stats.percentile(viewMillis, 99));
        result.put("delay.max.ms", Stats.percentile(viewMillis, 100));
        result.put("delay.min.ms", Stats.min(viewMillis.stream().mapToDouble(Double::doubleValue).toArray()));
        result.put("event.samples", eventMillis.size());
        if (!eventMillis.isEmpty()) {
            result.put("event.median.ms", Stats.percentile(eventMillis, 50));
            result.put("event.p99.ms", Stats.percentile(eventMillis, 99));
            result.put("event.max.ms", Stats.percentile(eventMillis, 100));
        }
        if (!writeMillis.isEmpty() && !deliverMillis.isEmpty()) {
            result.put("write.median.ms", Stats.percentile(writeMillis, 50));
            result.put("write.p99.ms", Stats.percentile(writeMillis, 99));
            result.put("notify.median.ms", Stats.percentile(deliverMillis, 50));
            result.put("notify.p99.ms", Stats.percentile(deliverMillis, 99));
        }
        try {
            double[] floor = db.bareNotifyMillis(Math.max(50, options.openings()));
            result.put("bare.notify.samples", floor.length);
            result.put("bare.notify.median.ms", Stats.median(floor));
            result.put("bare.notify.p99.ms", Stats.percentile(floor, 99));
            result.put("bare.notify.min.ms", Stats.min(floor));
        } catch (Exception e) {
            log("bare NOTIFY floor not measured: " + e);
        }
        result.put("sampling.us", options.sampleMicros());
        result.put("load.average.after", loadAverage());
        result.put("rejected.confirmed", rejectedConfirmed);
        result.put("version.mismatches", wrongVersion);
        result.put("propagation", "notify");
        result.put("poll.interval.ms", 1000);
        result.write(out.resolve("propagation.properties"),
                "delay from the start of the opener's tripping call to the moment another member's view showed OPEN\n"
                        + "(System.nanoTime() = CLOCK_MONOTONIC, the same clock in every process of the host)");
        log("propagation: n=" + viewMillis.size() + " median " + result.get("delay.median.ms") + " ms, p99 "
                + result.get("delay.p99.ms") + " ms, max " + result.get("delay.max.ms") + " ms; rejected confirmed "
                + rejectedConfirmed + "/" + viewMillis.size());
    }

    /**
     * The row's updated_at (epoch microseconds, set by the trigger from clock_timestamp() while the
     * compare-and-set runs, just before its commit) if the row is still at {@code version}; else -1.
     */
    private long rowUpdatedMicros(Fleet fleet, long version) {
        try {
            String[] row = db.row(fleet.namespace, BenchService.KEY);
            return row != null && Long.parseLong(row[1]) == version ? Long.parseLong(row[3]) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * Statements the server ran for the benchmark database while the members made {@code calls}
     * successful guarded calls in the closed state, against an idle window of the same length right
     * after. With pg_stat_statements the counts are exact and immediate; with pg_stat_database each
     * window is extended by the statistics lag so that late-published counts land in it.
     */
    private void statements(Fleet fleet) throws Exception {
        List<MemberProcess> members = fleet.members;
        long version = fleet.version();
        fleet.awaitClosed(version);
        boolean exact = db.counter == BenchDatabase.Counter.PG_STAT_STATEMENTS;
        long tail = exact ? 5_000 : STATISTICS_LAG_MILLIS;
        log("statements: settling " + tail + " ms, then " + options.calls() + " calls across " + members.size()
                + " members (counter: " + db.counter + ")");
        sleepMillis(tail); // earlier statements (resets, propagation) published
        int perMember = (options.calls() + members.size() - 1) / members.size();
        int calls = perMember * members.size();

        long busyStart = System.nanoTime();
        long busyBefore = db.statements();
        members.forEach(m -> m.send("burst " + perMember));
        long slowestBurst = 0;
        int succeeded = 0;
        for (MemberProcess m : members) {
            String[] burst = m.expectWord("BURST", Duration.ofMinutes(5));
            succeeded += Integer.parseInt(burst[0]);
            slowestBurst = Math.max(slowestBurst, Long.parseLong(burst[3]));
        }
        long burstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - busyStart);
        sleepMillis(tail);
        long busyAfter = db.statements();
        long busyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - busyStart);

        long idleStart = System.nanoTime();
        long idleBefore = db.statements();
        sleepMillis(busyMillis);
        long idleAfter = db.statements();
        long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - idleStart);

        for (MemberProcess m : members) {
            String[] state = m.ask("state", "STATE");
            if (!state[0].equals("CLOSED") || Long.parseLong(state[1]) != version) {
                throw m.failure("the breaker moved during the closed-state calls: " + String.join(" ", state));
            }
        }
        long busy = busyAfter - busyBefore;
        long idle = idleAfter - idleBefore;
        double background = idle * (double) busyMillis / idleMillis;
        double net = busy - background;
        ResultFile result = new ResultFile();
        result.put("counter", exact ? "pg_stat_statements" : "pg_stat_database");
        result.put("counted", exact ? "statements (pg_stat_statements.calls summed over the database)"
                : "transactions (pg_stat_database.xact_commit + xact_rollback; every store statement is its own autocommit transaction, so one round trip)");
        result.put("members", members.size());
        result.put("calls", calls);
        result.put("calls.succeeded", succeeded);
        result.put("burst.wall.ms", burstMillis);
        result.put("burst.slowest.member.ms", slowestBurst / 1e6);
        result.put("busy.window.ms", busyMillis);
        result.put("busy.count", busy);
        result.put("idle.window.ms", idleMillis);
        result.put("idle.count", idle);
        result.put("net.count", net);
        result.put("per.1000.calls", net * 1000.0 / calls);
        result.put("background.per.second", idle * 1000.0 / idleMillis);
        result.put("background.per.second.per.member", idle * 1000.0 / idleMillis / members.size());
        result.put("load.average.after", loadAverage());
        result.write(out.resolve("statements.properties"),
                "server-side count for the benchmark database: a window with the guarded calls, then an idle window of the same length\n"
                        + "net = busy - idle (scaled to the busy window's length); counters read over a connection to the postgres database");
        log("statements: busy " + busy + " in " + busyMillis + " ms, idle " + idle + " in " + idleMillis + " ms => "
                + result.get("per.1000.calls") + " per 1,000 calls; background " + result.get("background.per.second") + "/s");
        if (succeeded != calls) {
            throw new IllegalStateException("only " + succeeded + " of " + calls + " calls succeeded");
        }
    }

    /** One member's timeline in a convergence round. */
    record Timeline(String member, long start, String outcome, List<Long> times, List<String> views) {

        static Timeline parse(String member, String[] fields) {
            List<Long> times = new ArrayList<>();
            List<String> views = new ArrayList<>();
            if (fields.length > 3) {
                for (String change : fields[3].split(";")) {
                    int comma = change.indexOf(',');
                    times.add(Long.parseLong(change.substring(0, comma)));
                    views.add(change.substring(comma + 1));
                }
            }
            return new Timeline(member, Long.parseLong(fields[0]), fields[2], times, views);
        }

        /**
         * Whether this member's failing call at the agreed moment was admitted: with three failures
         * already in its window, that call trips it, and the member proposes the transition (unless the
         * row from another member reached its view between admission and outcome).
         */
        boolean proposed() {
            return outcome.equals("FAILED");
        }

        /** When the view became (and stayed) {@code row}, or -1 if it did not end there. */
        long convergedAt(String row) {
            return !views.isEmpty() && views.get(views.size() - 1).equals(row) ? times.get(times.size() - 1) : -1;
        }

        /** When the view first showed OPEN (the member rejects from then on), or -1. */
        long firstOpen() {
            for (int i = 0; i < views.size(); i++) {
                if (views.get(i).startsWith("OPEN,")) {
                    return times.get(i);
                }
            }
            return -1;
        }
    }

    /**
     * {@code convergenceMembers} processes fill their windows to one failure short of tripping and
     * then, at one agreed System.nanoTime(), make the failing call that trips. Per round: time until
     * every member's view equals the row (OPEN, same version, same changed_by), transition attempts that
     * reached the database (pg_stat_statements calls of the compare-and-set) and wins (row version
     * increments, checked against the table's announcements).
     */
    private void convergence() throws Exception {
        int size = options.convergenceMembers();
        long windowMillis = 500;
        int sampleMicros = 500;
        try (Fleet fleet = new Fleet("convergence", size);
                BenchDatabase.Announcements announcements = db.new Announcements(fleet.namespace)) {
            for (MemberProcess m : fleet.members) {
                m.ask("call ok", "SUCCESS");
            }
            long version = fleet.reset(); // every window empty
            int warmup = 1;
            int rounds = options.convergenceRounds();
            log("convergence: " + size + " members, " + rounds + " rounds after " + warmup + " warm-up");
            StringBuilder csv = new StringBuilder(
                    "round,version_before,version_after,changed_by,wins,announced,attempts,attempt_rows,proposals,first_open_ms,all_open_ms,converged_ms,converged_members\n");
            List<Double> converged = new ArrayList<>();
            List<Double> allOpen = new ArrayList<>();
            long totalWins = 0;
            long totalAttempts = 0;
            long totalAttemptRows = 0;
            long totalProposals = 0;
            int roundsAllConverged = 0;
            int roundsOneWin = 0;
            int roundsGapFree = 0;
            for (int round = 0; round < warmup + rounds; round++) {
                announcements.drain(50);
                long before = Long.parseLong(db.row(fleet.namespace, BenchService.KEY)[1]);
                long[] statementsBefore = db.transitionStatements();
                long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
                fleet.members.forEach(m -> m.send("converge " + at + " " + windowMillis + " " + sampleMicros));
                List<Timeline> timelines = new ArrayList<>();
                for (MemberProcess m : fleet.members) {
                    timelines.add(Timeline.parse(m.name, m.expectWord("CONVERGED", Duration.ofSeconds(30))));
                }
                String[] row = db.row(fleet.namespace, BenchService.KEY);
                long[] statementsAfter = db.transitionStatements();
                List<BenchDatabase.Announcements.Change> changes = announcements.drain(300);
                long after = Long.parseLong(row[1]);
                String rowView = row[0] + "," + row[1] + "," + (row[2].isEmpty() ? "-" : row[2]);
                long wins = after - before;
                boolean gapFree = true;
                long expected = before + 1;
                for (BenchDatabase.Announcements.Change change : changes) {
                    gapFree &= change.version() == expected++;
                }
                gapFree &= expected - 1 == after;
                long latest = -1;
                long latestOpen = -1;
                long earliestOpen = Long.MAX_VALUE;
                int convergedMembers = 0;
                int proposals = 0;
                for (Timeline t : timelines) {
                    long c = t.convergedAt(rowView);
                    if (c > 0) {
                        convergedMembers++;
                        latest = Math.max(latest, c);
                    }
                    long open = t.firstOpen();
                    if (open > 0) {
                        latestOpen = Math.max(latestOpen, open);
                        earliestOpen = Math.min(earliestOpen, open);
                    }
                    if (t.proposed()) {
                        proposals++;
                    }
                }
                boolean allConverged = convergedMembers == size && row[0].equals("OPEN");
                double convergedMs = allConverged ? Math.max(0, latest - at) / 1e6 : Double.NaN;
                double allOpenMs = latestOpen > 0 ? Math.max(0, latestOpen - at) / 1e6 : Double.NaN;
                double firstOpenMs = earliestOpen < Long.MAX_VALUE ? Math.max(0, earliestOpen - at) / 1e6 : Double.NaN;
                long attempts = statementsBefore == null ? -1 : statementsAfter[0] - statementsBefore[0];
                long attemptRows = statementsBefore == null ? -1 : statementsAfter[1] - statementsBefore[1];
                boolean measured = round >= warmup;
                csv.append(measured ? Integer.toString(round - warmup + 1) : "warm-up").append(',').append(before).append(',')
                        .append(after).append(',').append(row[2]).append(',').append(wins).append(',').append(changes.size())
                        .append(',').append(attempts < 0 ? "" : attempts).append(',').append(attemptRows < 0 ? "" : attemptRows)
                        .append(',').append(proposals).append(',').append(ResultFile.format(firstOpenMs)).append(',')
                        .append(ResultFile.format(allOpenMs)).append(',').append(ResultFile.format(convergedMs)).append(',')
                        .append(convergedMembers).append('\n');
                if (measured) {
                    totalWins += wins;
                    totalProposals += proposals;
                    if (attempts >= 0) {
                        totalAttempts += attempts;
                        totalAttemptRows += attemptRows;
                    }
                    if (allConverged) {
                        roundsAllConverged++;
                        converged.add(convergedMs);
                    }
                    if (!Double.isNaN(allOpenMs)) {
                        allOpen.add(allOpenMs);
                    }
                    if (wins == 1) {
                        roundsOneWin++;
                    }
                    if (gapFree) {
                        roundsGapFree++;
                    }
                }
                log("convergence round " + (measured ? round - warmup + 1 : "warm-up") + ": row " + rowView + ", wins "
                        + wins + ", attempts " + (attempts < 0 ? "n/a" : attempts) + ", proposals " + proposals
                        + ", all " + size + " converged " + (allConverged ? ResultFile.format(convergedMs) + " ms" : "NO ("
                                + convergedMembers + ")") + " after the agreed moment");
                version = fleet.reset();
            }
            Files.writeString(out.resolve("convergence-rounds.csv"), csv, StandardCharsets.UTF_8);
            ResultFile result = new ResultFile();
            result.put("members", size);
            result.put("rounds", rounds);
            result.put("rounds.all.converged", roundsAllConverged);
            result.put("sampling.ms", sampleMicros / 1000.0);
            if (!converged.isEmpty()) {
                result.put("converged.median.ms", Stats.percentile(converged, 50));
                result.put("converged.max.ms", Stats.percentile(converged, 100));
            }
            if (!allOpen.isEmpty()) {
                result.put("all.rejecting.median.ms", Stats.percentile(allOpen, 50));
                result.put("all.rejecting.max.ms", Stats.percentile(allOpen, 100));
            }
            result.put("proposals.total", totalProposals);
            result.put("proposals.possible", (long) size * rounds);
            result.put("attempts.counted", db.counter == BenchDatabase.Counter.PG_STAT_STATEMENTS);
            if (db.counter == BenchDatabase.Counter.PG_STAT_STATEMENTS) {
                result.put("attempts.total", totalAttempts);
                result.put("attempts.rows.total", totalAttemptRows);
            }
            result.put("wins.total", totalWins);
            result.put("rounds.one.win", roundsOneWin);
            result.put("rounds.gap.free", roundsGapFree);
            result.put("load.average.after", loadAverage());
            result.write(out.resolve("convergence.properties"),
                    "per round: all members trip at one agreed System.nanoTime(); converged = every member's view equals the row\n"
                            + "(OPEN, version, changed_by); wins = row version increments; attempts = calls of the compare-and-set UPDATE (pg_stat_statements)");
        }
    }

    static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
