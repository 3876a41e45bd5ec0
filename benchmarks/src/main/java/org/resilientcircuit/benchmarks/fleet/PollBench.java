package org.resilientcircuit.benchmarks.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.resilientcircuit.store.postgres.PostgresStateStore;

/**
 * The change feed's catch-up poll with thousands of keys in use: the store's own poll.sql, in the
 * store's batches, on one connection as the feed runs it (so the driver's server-side prepared
 * statement and PostgreSQL's plan cache behave as they do in an instance), against the statement of
 * the previous release ({@code resource_key = ANY (?)}) on the same keys. Each statement's time is
 * taken by the client; one batch of each is also shown with EXPLAIN ANALYZE.
 *
 * <pre>java ... PollBench --keys 5000,100000 --polls 20 --out benchmarks/results/poll.md</pre>
 */
public final class PollBench {

    private static final String POLL = resource("/org/resilientcircuit/store/postgres/poll.sql");
    private static final String POLL_CHANGED = resource("/org/resilientcircuit/store/postgres/poll_changed.sql");
    /** Rows changed between two polls in the incremental case. */
    private static final int CHANGED = 10;
    private static final String PREVIOUS_POLL = """
            SELECT resource_key, state, version,
                   GREATEST(0, CEIL(EXTRACT(EPOCH FROM (CASE state WHEN 'OPEN' THEN open_until
                                                                    WHEN 'HALF_OPEN' THEN lease_until END)
                                                   - clock_timestamp()) * 1000))::bigint AS remaining_ms,
                   failure_count, changed_by
              FROM rc_circuit_breakers
             WHERE namespace = ? AND resource_key = ANY (?)""";
    /** Must match ChangeFeed.POLL_BATCH. */
    private static final int BATCH = 1_000;

    private PollBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(5_000, 100_000);
        int polls = 20;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keys" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--polls" -> polls = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (--keys N,M --polls P --out FILE)");
            }
        }
        StringBuilder report = new StringBuilder(header(polls));
        try (BenchDatabase db = BenchDatabase.open()) {
            for (int keys : sizes) {
                report.append(measure(db, keys, polls));
            }
        }
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        }
    }

    private static String header(int polls) {
        return "# The change feed's catch-up poll with many keys\n\n"
                + "Measured by `PollBench` (" + PostgresStateStore.class.getSimpleName() + "'s poll.sql in batches of "
                + BATCH + " keys, on one connection, " + polls + " polls after the rows exist; times by the client, "
                + "PostgreSQL on the same host). `previous` is the statement of the release before (`resource_key ="
                + " ANY (?)`), run the same way. A poll's time is the sum of its batches.\n\n"
                + " `incremental` is the poll between full polls (poll_changed.sql: the rows changed in the last 6 s, here "
                + CHANGED + " of them), which the feed runs every poll interval; the full poll runs once a minute.\n\n"
                + "| keys in use | statement | first poll | median poll | slowest poll | slowest batch |\n"
                + "| ---: | --- | ---: | ---: | ---: | ---: |\n";
    }

    private static String measure(BenchDatabase db, int keys, int polls) throws SQLException {
        String namespace = "pollbench-" + UUID.randomUUID();
        String[] used = insertRows(db, namespace, keys);
        try (Connection c = db.connect()) {
            double[] incremental = timeChanged(c, namespace, polls);
            double[] full = time(c, POLL, namespace, used, polls, true);
            double[] previous = time(c, PREVIOUS_POLL, namespace, used, polls, false);
            String rows = row(keys, "incremental", incremental) + row(keys, "full", full) + row(keys, "previous", previous)
                    + String.format(Locale.ROOT, "%nPer minute at the default 1 s interval, %,d keys: %.0f ms of polling"
                            + " (59 incremental polls and 1 full one, medians) against %.0f ms (60 polls of the previous"
                            + " statement), %.0fx less.%n", keys, 59 * incremental[1] + full[1], 60 * previous[1],
                            60 * previous[1] / (59 * incremental[1] + full[1]));
            String[] batch = Arrays.copyOf(used, Math.min(BATCH, used.length));
            return rows + "\n<details><summary>EXPLAIN ANALYZE of one batch, " + keys + " keys in use</summary>\n\n"
                    + "full:\n\n```\n" + explain(c, POLL, namespace, batch, true) + "```\n\nincremental:\n\n```\n"
                    + explainChanged(c, namespace) + "```\n\nprevious (generic plan):\n\n```\n"
                    + explain(c, PREVIOUS_POLL, namespace, used, false) + "```\n</details>\n\n";
        } finally {
            try (Connection c = db.connect(); PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM rc_circuit_breakers WHERE namespace = ?")) {
                delete.setString(1, namespace);
                delete.executeUpdate();
            }
        }
    }

    private static String row(int keys, String statement, double[] millis) {
        return String.format(Locale.ROOT, "| %,d | %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", keys, statement,
                millis[0], millis[1], millis[2], millis[3]);
    }

    private static String[] insertRows(BenchDatabase db, String namespace, int keys) throws SQLException {
        String[] used = new String[keys];
        try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO rc_circuit_breakers (namespace, resource_key, state, version, changed_by, updated_at)"
                        + " SELECT ?, 'com.example.Service#method' || g || '(java.lang.String)', 'CLOSED', 1, 'bench',"
                        + " now() - interval '1 hour'"
                        + " FROM generate_series(0, ? - 1) AS g")) {
            insert.setString(1, namespace);
            insert.setInt(2, keys);
            insert.executeUpdate();
        }
        for (int i = 0; i < keys; i++) {
            used[i] = "com.example.Service#method" + i + "(java.lang.String)";
        }
        try (Connection c = db.connect(); Statement statement = c.createStatement()) {
            statement.execute("ANALYZE rc_circuit_breakers");
        }
        return used;
    }

    /** @return first, median and slowest poll, and the slowest single batch, in milliseconds */
    private static double[] time(Connection c, String sql, String namespace, String[] used, int polls, boolean current)
            throws SQLException {
        double[] perPoll = new double[polls];
        double slowestBatch = 0;
        for (int p = 0; p < polls; p++) {
            for (int from = 0; from < used.length; from += current ? BATCH : used.length) {
                String[] batch = current ? Arrays.copyOfRange(used, from, Math.min(used.length, from + BATCH)) : used;
                long start = System.nanoTime();
                int found = run(c, sql, namespace, batch, current);
                double millis = (System.nanoTime() - start) / 1e6;
                if (found != batch.length) {
                    throw new IllegalStateException("poll found " + found + " of " + batch.length + " rows");
                }
                perPoll[p] += millis;
                slowestBatch = Math.max(slowestBatch, millis);
            }
        }
        double first = perPoll[0];
        double[] sorted = perPoll.clone();
        Arrays.sort(sorted);
        return new double[] {first, sorted[polls / 2], sorted[polls - 1], slowestBatch};
    }

    /** Changes {@value #CHANGED} rows now, then times the poll that finds them. */
    private static double[] timeChanged(Connection c, String namespace, int polls) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute("UPDATE rc_circuit_breakers SET state = 'OPEN', open_until = now() + interval '1 minute',"
                    + " version = version + 1 WHERE namespace = '" + namespace + "' AND resource_key IN (SELECT"
                    + " 'com.example.Service#method' || g || '(java.lang.String)' FROM generate_series(0, " + (CHANGED - 1)
                    + ") AS g)");
        }
        double[] perPoll = new double[polls];
        for (int p = 0; p < polls; p++) {
            long start = System.nanoTime();
            try (PreparedStatement select = c.prepareStatement(POLL_CHANGED)) {
                select.setString(1, namespace);
                select.setLong(2, 6_000);
                int found = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found++;
                    }
                }
                if (found != CHANGED) {
                    throw new IllegalStateException("incremental poll found " + found + " rows, not " + CHANGED);
                }
            }
            perPoll[p] = (System.nanoTime() - start) / 1e6;
        }
        double[] sorted = perPoll.clone();
        Arrays.sort(sorted);
        return new double[] {perPoll[0], sorted[polls / 2], sorted[polls - 1], sorted[polls - 1]};
    }

    private static String explainChanged(Connection c, String namespace) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement explain = c.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF) " + POLL_CHANGED)) {
            explain.setString(1, namespace);
            explain.setLong(2, 6_000);
            try (ResultSet plan = explain.executeQuery()) {
                while (plan.next()) {
                    lines.add(plan.getString(1));
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static int run(Connection c, String sql, String namespace, String[] keys, boolean current) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            bind(c, select, namespace, keys, current);
            int found = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found++;
                }
            }
            return found;
        }
    }

    private static void bind(Connection c, PreparedStatement select, String namespace, String[] keys, boolean current)
            throws SQLException {
        if (current) {
            select.setArray(1, c.createArrayOf("varchar", keys));
            select.setString(2, namespace);
        } else {
            select.setString(1, namespace);
            select.setArray(2, c.createArrayOf("varchar", keys));
        }
    }

    /** EXPLAIN ANALYZE with the plan PostgreSQL chooses for a prepared statement run many times (generic). */
    private static String explain(Connection c, String sql, String namespace, String[] keys, boolean current)
            throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement settings = c.createStatement()) {
            settings.execute("SET plan_cache_mode = force_generic_plan");
        }
        try (PreparedStatement explain = c.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) " + sql)) {
            bind(c, explain, namespace, keys, current);
            try (ResultSet plan = explain.executeQuery()) {
                while (plan.next()) {
                    String line = plan.getString(1);
                    lines.add(line.length() > 160 ? line.substring(0, 160) + " ..." : line);
                }
            }
        } finally {
            try (Statement settings = c.createStatement()) {
                settings.execute("RESET plan_cache_mode");
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String resource(String name) {
        try (InputStream in = PostgresStateStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
