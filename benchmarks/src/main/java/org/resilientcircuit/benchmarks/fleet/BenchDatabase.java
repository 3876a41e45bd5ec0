package org.resilientcircuit.benchmarks.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.resilientcircuit.store.postgres.Schema;

/**
 * The benchmark database ({@code rc_bench} unless the URL names another) and the server's counters.
 * Counters are always read over a connection to the {@code postgres} database, so that reading them
 * adds nothing to the benchmark database's own statistics.
 */
final class BenchDatabase implements AutoCloseable {

    static final String URL_VARIABLE = "RC_BENCH_JDBC_URL";
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/rc_bench?user=postgres";
    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/:?,]+)(?::(\\d+))?/([^?]+)(?:\\?(.*))?$");

    /** Where the counters of statements come from. */
    enum Counter {
        /** pg_stat_statements: every statement, counted when it ends. */
        PG_STAT_STATEMENTS,
        /** pg_stat_database.xact_commit + xact_rollback: transactions, published up to ~1-10 s late. */
        PG_STAT_DATABASE
    }

    final String url;
    final String host;
    final int port;
    final String name;
    final String user;
    final String password;
    private final String adminUrl;
    private final Connection admin;
    final Counter counter;

    private BenchDatabase(String url) throws SQLException {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host[:port]/database[?user=..&password=..] URL: " + url);
        }
        this.url = url;
        this.host = m.group(1);
        this.port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        this.name = m.group(3);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (m.group(4) != null) {
            for (String parameter : m.group(4).split("&")) {
                int eq = parameter.indexOf('=');
                if (eq > 0) {
                    parameters.put(parameter.substring(0, eq), parameter.substring(eq + 1));
                }
            }
        }
        this.user = parameters.getOrDefault("user", "postgres");
        this.password = parameters.get("password");
        this.adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres" + (m.group(4) == null ? "" : "?" + m.group(4));
        this.admin = DriverManager.getConnection(adminUrl);
        createIfMissing();
        try (Connection c = connect()) {
            Schema.apply(c);
        }
        this.counter = detectCounter();
    }

    /** The database of {@value #URL_VARIABLE} (default {@value #DEFAULT_URL}), created and given the schema if needed. */
    static BenchDatabase open() throws SQLException {
        String url = System.getenv(URL_VARIABLE);
        return open(url == null || url.isBlank() ? DEFAULT_URL : url.strip());
    }

    static BenchDatabase open(String url) throws SQLException {
        return new BenchDatabase(url);
    }

    private void createIfMissing() throws SQLException {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain identifier: " + name);
        }
        try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        } catch (SQLException raced) {
            if (!"42P04".equals(raced.getSQLState())) { // duplicate_database: created meanwhile
                throw raced;
            }
        }
    }

    /** pg_stat_statements if the server loads it (the view created in the postgres database if need be). */
    private Counter detectCounter() {
        try (Statement s = admin.createStatement()) {
            String preload;
            try (ResultSet rs = s.executeQuery("SELECT current_setting('shared_preload_libraries')")) {
                rs.next();
                preload = rs.getString(1);
            }
            if (!preload.contains("pg_stat_statements")) {
                return Counter.PG_STAT_DATABASE;
            }
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_statements")) {
                rs.next();
            }
            return Counter.PG_STAT_STATEMENTS;
        } catch (SQLException notAvailable) {
            return Counter.PG_STAT_DATABASE;
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** rc.db.* for a member of this database. */
    Map<String, String> rcProperties() {
        Map<String, String> rc = new LinkedHashMap<>();
        rc.put("rc.db.host", host);
        rc.put("rc.db.port", Integer.toString(port));
        rc.put("rc.db.name", name);
        rc.put("rc.db.user", user);
        if (password != null) {
            rc.put("rc.db.password", password);
        }
        return rc;
    }

    String serverVersion() throws SQLException {
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Statements (pg_stat_statements calls) or transactions (pg_stat_database) of the benchmark database so far. */
    long statements() throws SQLException {
        String sql = counter == Counter.PG_STAT_STATEMENTS
                ? "SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = ?)"
                : "SELECT (xact_commit + xact_rollback)::bigint FROM pg_stat_database WHERE datname = ?";
        try (PreparedStatement select = admin.prepareStatement(sql)) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * The transition compare-and-set (transition.sql, {@code UPDATE rc_circuit_breakers AS b ... WHERE
     * b.version = ?}) so far: {calls, rows}, where rows counts the calls that updated a row (the wins).
     * Only with pg_stat_statements; else null.
     */
    long[] transitionStatements() throws SQLException {
        if (counter != Counter.PG_STAT_STATEMENTS) {
            return null;
        }
        try (PreparedStatement select = admin.prepareStatement("SELECT coalesce(sum(calls), 0)::bigint, coalesce(sum(rows), 0)::bigint"
                + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = ?)"
                + " AND query ILIKE '%UPDATE rc_circuit_breakers AS b%'")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** The row of a key: state, version, changed_by, updated_at (epoch microseconds); null if there is none. */
    String[] row(String namespace, String key) throws SQLException {
        try (Connection c = connect();
                PreparedStatement select = c.prepareStatement(
                        "SELECT state, version, changed_by, (EXTRACT(EPOCH FROM updated_at) * 1000000)::bigint"
                                + " FROM rc_circuit_breakers WHERE namespace = ? AND resource_key = ?")) {
            select.setString(1, namespace);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3), Long.toString(rs.getLong(4))}
                        : null;
            }
        }
    }

    /**
     * The floor under propagation on this machine: a bare NOTIFY from one connection to a LISTEN on
     * another, both in this process, {@code samples} times (after 20 unrecorded), in milliseconds from
     * just before the notifying statement (autocommit, so including its commit) to the moment the
     * listening thread has it.
     */
    double[] bareNotifyMillis(int samples) throws Exception {
        String channel = "rc_bench_floor";
        try (Connection listener = connect(); Connection notifier = connect()) {
            try (Statement listen = listener.createStatement()) {
                listen.execute("LISTEN " + channel);
            }
            PGConnection pg = listener.unwrap(PGConnection.class);
            java.util.concurrent.BlockingQueue<Long> arrivals = new java.util.concurrent.LinkedBlockingQueue<>();
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread thread = new Thread(() -> {
                try {
                    while (running.get()) {
                        PGNotification[] batch = pg.getNotifications(200);
                        long now = System.nanoTime();
                        if (batch != null) {
                            for (int i = 0; i < batch.length; i++) {
                                arrivals.add(now);
                            }
                        }
                    }
                } catch (SQLException closed) {
                    // the connection is closing
                }
            }, "bench-notify-floor");
            thread.setDaemon(true);
            thread.start();
            double[] millis = new double[samples];
            try (Statement notify = notifier.createStatement()) {
                for (int i = -20; i < samples; i++) {
                    Thread.sleep(5);
                    long start = System.nanoTime();
                    notify.execute("NOTIFY " + channel + ", 'x'");
                    Long arrived = arrivals.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                    if (arrived == null) {
                        throw new IllegalStateException("a NOTIFY did not arrive within 5 s");
                    }
                    if (i >= 0) {
                        millis[i] = (arrived - start) / 1e6;
                    }
                }
            } finally {
                running.set(false);
                thread.join(1000);
            }
            return millis;
        }
    }

    /** Removes a run's rows. */
    void deleteNamespace(String namespace) throws SQLException {
        try (Connection c = connect();
                PreparedStatement delete = c.prepareStatement("DELETE FROM rc_circuit_breakers WHERE namespace = ?")) {
            delete.setString(1, namespace);
            delete.executeUpdate();
        }
    }

    /** Every committed change of the rows of one namespace, as the table's trigger announces it. */
    final class Announcements implements AutoCloseable {

        /** One announced row: version, state, changed_by. */
        record Change(long version, String state, String changedBy) {
        }

        private final Connection connection;
        private final String namespace;

        Announcements(String namespace) throws SQLException {
            this.namespace = namespace;
            this.connection = connect();
            try (Statement listen = connection.createStatement()) {
                listen.execute("LISTEN rc_circuit_breakers");
            }
        }

        /** What was announced since the last call, waiting {@code settleMillis} for stragglers. */
        List<Change> drain(int settleMillis) throws SQLException {
            List<Change> changes = new ArrayList<>();
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (;;) {
                PGNotification[] batch = pg.getNotifications(settleMillis);
                if (batch == null || batch.length == 0) {
                    return changes;
                }
                for (PGNotification notification : batch) {
                    String[] fields = notification.getParameter().split("\u001F", 7);
                    if (fields.length == 7 && fields[0].equals(namespace)) {
                        changes.add(new Change(Long.parseLong(fields[1]), fields[2], fields[5]));
                    }
                }
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }
}
