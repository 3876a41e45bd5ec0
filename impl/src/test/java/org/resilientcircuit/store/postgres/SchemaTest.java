package org.resilientcircuit.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.util.PSQLException;

/**
 * The table that schema.sql makes: the seeds' SQL runs on it unchanged, {@code updated_at} moves
 * only when a value changes, and every write is announced on channel {@code rc_circuit_breakers}.
 */
class SchemaTest {

    private static final String CHANNEL = "rc_circuit_breakers";
    private static final String SEPARATOR = "\u001F"; // chr(31)
    private static final Pattern HEADER = Pattern.compile("^-- \\[([a-z-]+)] seed (\\S+)", Pattern.MULTILINE);

    private static TestDatabase db;
    private static Map<String, String> seedSql;

    @BeforeAll
    static void createDatabase() throws IOException {
        seedSql = seedStatements();
        db = TestDatabase.create(SchemaTest.class);
        db.applySchema();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void fiveBreakers() {
        db.execute("""
                TRUNCATE rc_circuit_breakers;
                INSERT INTO rc_circuit_breakers (resource_key, state, failure_count, open_until, updated_at) VALUES
                    ('payment_service', 'OPEN', 5, now() + interval '30 seconds', now() - interval '1 minute'),
                    ('inventory_service', 'CLOSED', 3, NULL, now() - interval '2 minutes'),
                    ('shipping_api', 'CLOSED', 1, NULL, now() - interval '3 minutes'),
                    ('payment_api', 'HALF_OPEN', 0, NULL, now() - interval '4 minutes'),
                    ('stale_api', 'CLOSED', 0, NULL, now() - interval '40 days');
                """);
    }

    /** The statements of seed-monitoring.sql by name, each without its final semicolon. */
    private static Map<String, String> seedStatements() throws IOException {
        String text;
        try (InputStream in = SchemaTest.class.getResourceAsStream("/seed-monitoring.sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> statements = new LinkedHashMap<>();
        Matcher header = HEADER.matcher(text);
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (header.find()) {
            starts.add(new int[] {header.start(), header.end()});
            names.add(header.group(1));
            assertTrue(header.group(2).startsWith("000_") || header.group(2).startsWith("001_"), header.group());
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
            String block = text.substring(text.indexOf('\n', starts.get(i)[1]) + 1, end);
            statements.put(names.get(i), block.substring(0, block.lastIndexOf(';')));
        }
        return statements;
    }

    @Test
    void theSeedFileHoldsEveryStatementOfSeeds000And001() {
        assertEquals(List.of("view-all", "find-open", "failure-counts", "transitions", "cleanup", "internal-lock",
                "dashboard", "alert"), List.copyOf(seedSql.keySet()));
    }

    @Test
    void everySeedStatementRunsUnchanged() throws SQLException {
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            for (Map.Entry<String, String> statement : seedSql.entrySet()) {
                try (Statement jdbc = connection.createStatement()) {
                    jdbc.execute(statement.getValue());
                } catch (SQLException e) {
                    throw new AssertionError(statement.getKey() + " fails: " + e.getMessage(), e);
                }
            }
            connection.rollback();
        }
    }

    @Test
    void viewAll() throws SQLException {
        List<List<String>> rows = query("view-all");

        assertEquals(List.of("resource_key", "state", "failure_count", "open_until", "updated_at"), rows.get(0));
        assertEquals(List.of("payment_service", "inventory_service", "shipping_api", "payment_api", "stale_api"),
                column(rows, 0));
    }

    @Test
    void findOpen() throws SQLException {
        List<List<String>> rows = query("find-open");

        assertEquals(List.of("resource_key", "open_until", "updated_at"), rows.get(0));
        assertEquals(List.of("payment_service"), column(rows, 0));
        assertTrue(rows.get(1).get(1) != null, "open_until of an open breaker");
    }

    @Test
    void failureCounts() throws SQLException {
        List<List<String>> rows = query("failure-counts");

        assertEquals(List.of(List.of("resource_key", "failure_count", "state"),
                List.of("inventory_service", "3", "CLOSED"),
                List.of("shipping_api", "1", "CLOSED"),
                List.of("stale_api", "0", "CLOSED")), rows);
    }

    @Test
    void transitionsOfTheLastHour() throws SQLException {
        assertEquals(List.of("payment_service", "inventory_service", "shipping_api", "payment_api"),
                column(query("transitions"), 0));
    }

    @Test
    void cleanupDeletesRowsUntouchedFor30Days() throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            assertEquals(1, statement.executeUpdate(seedSql.get("cleanup")));
        }
        assertEquals(List.of("payment_service", "inventory_service", "shipping_api", "payment_api"),
                column(query("view-all"), 0));
    }

    @Test
    void internalQueryReadsAndLocksTheRow() throws SQLException {
        try (Connection locker = db.connect(); Connection other = db.connect()) {
            locker.setAutoCommit(false);
            List<List<String>> rows = query(locker, seedSql.get("internal-lock"));
            assertEquals(List.of(List.of("state", "failure_count", "open_until"), Arrays.asList(
                    "HALF_OPEN", "0", null)), rows);

            try (Statement statement = other.createStatement()) {
                PSQLException locked = assertThrows(PSQLException.class, () -> statement.execute(
                        "SELECT 1 FROM rc_circuit_breakers WHERE resource_key = 'payment_api' FOR UPDATE NOWAIT"));
                assertEquals("55P03", locked.getSQLState()); // lock_not_available
            }
            locker.rollback();
        }
    }

    @Test
    void dashboard() throws SQLException {
        List<List<String>> rows = query("dashboard");

        assertEquals(List.of("resource_key", "state", "failure_count", "seconds_until_halfopen", "updated_at"),
                rows.get(0));
        assertEquals(List.of("payment_service", "inventory_service", "shipping_api", "payment_api", "stale_api"),
                column(rows, 0));
        double secondsUntilHalfOpen = Double.parseDouble(rows.get(1).get(3));
        assertTrue(secondsUntilHalfOpen > 20 && secondsUntilHalfOpen <= 30, rows.get(1).toString());
        for (List<String> closed : rows.subList(2, rows.size())) {
            assertEquals(0, Double.parseDouble(closed.get(3)), closed.toString());
        }
    }

    @Test
    void alert() throws SQLException {
        assertEquals(List.of("payment_service"), column(query("alert"), 0));
        db.execute("UPDATE rc_circuit_breakers SET updated_at = now() - interval '6 minutes'"
                + " WHERE resource_key = 'payment_service'");
        assertEquals(List.of(), column(query("alert"), 0));
    }

    @Test
    void aWriteOfTheSameValuesLeavesUpdatedAtAlone() throws SQLException {
        db.execute("UPDATE rc_circuit_breakers SET updated_at = '2020-01-01 00:00:00+00'"
                + " WHERE resource_key = 'inventory_service'");

        db.execute("UPDATE rc_circuit_breakers SET state = 'CLOSED', failure_count = 3, open_until = NULL,"
                + " version = version, changed_by = changed_by, lease_until = NULL WHERE resource_key = 'inventory_service'");

        assertEquals("2020-01-01 00:00:00+00", updatedAt("inventory_service"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "state = 'OPEN'",
            "failure_count = 4",
            "open_until = now() + interval '1 minute'",
            "version = version + 1",
            "changed_by = 'node-b'",
            "lease_until = now() + interval '5 seconds'"})
    void aChangedValueMovesUpdatedAt(String change) throws SQLException {
        db.execute("UPDATE rc_circuit_breakers SET updated_at = '2020-01-01 00:00:00+00'"
                + " WHERE resource_key = 'inventory_service'");

        db.execute("UPDATE rc_circuit_breakers SET " + change + " WHERE resource_key = 'inventory_service'");

        assertNotEquals("2020-01-01 00:00:00+00", updatedAt("inventory_service"));
        try (Connection connection = db.connect()) {
            assertEquals(List.of(List.of("recent"), List.of("t")), query(connection, "SELECT updated_at >"
                    + " now() - interval '1 minute' AS recent FROM rc_circuit_breakers WHERE resource_key = 'inventory_service'"));
        }
    }

    @Test
    void everyInsertAndUpdateIsAnnounced() throws Exception {
        try (Connection listener = db.connect(); Connection writer = db.connect()) {
            try (Statement statement = listener.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
            PGConnection notifications = listener.unwrap(PGConnection.class);

            db.execute("INSERT INTO rc_circuit_breakers (namespace, resource_key, state, failure_count, open_until,"
                    + " version, changed_by) VALUES ('orders', 'payment_service', 'OPEN', 5,"
                    + " now() + interval '10 seconds', 1, 'node-a')");
            List<String> opened = fields(next(notifications));
            assertEquals(List.of("orders", "1", "OPEN"), opened.subList(0, 3));
            long remaining = Long.parseLong(opened.get(3));
            assertTrue(remaining > 8_000 && remaining <= 10_000, "remaining millis " + remaining);
            assertEquals(List.of("5", "node-a", "payment_service"), opened.subList(4, 7));

            update(writer, "state = 'HALF_OPEN', lease_until = now() + interval '2 seconds', version = 2,"
                    + " changed_by = 'node-b'");
            List<String> probing = fields(next(notifications));
            assertEquals(List.of("orders", "2", "HALF_OPEN"), probing.subList(0, 3));
            long lease = Long.parseLong(probing.get(3));
            assertTrue(lease > 0 && lease <= 2_000, "remaining lease millis " + lease);
            assertEquals(List.of("5", "node-b", "payment_service"), probing.subList(4, 7));

            update(writer, "state = 'CLOSED', failure_count = 0, open_until = NULL, lease_until = NULL, version = 3");
            assertEquals(List.of("orders", "3", "CLOSED", "0", "0", "node-b", "payment_service"),
                    fields(next(notifications)));

            update(writer, "state = 'CLOSED'");
            assertEquals(List.of("orders", "3", "CLOSED", "0", "0", "node-b", "payment_service"),
                    fields(next(notifications)), "a write of the same values is announced too");

            update(writer, "state = 'OPEN', open_until = now() - interval '1 second', version = 4");
            assertEquals("0", fields(next(notifications)).get(3), "a deadline already past is 0 millis away");

            db.execute("INSERT INTO rc_circuit_breakers (resource_key, state) VALUES ('clé; with | spaces', 'CLOSED')");
            assertEquals(List.of("", "0", "CLOSED", "0", "0", "", "clé; with | spaces"), fields(next(notifications)),
                    "empty namespace and changed_by are empty fields; the key comes last, as it is");

            assertNull(poll(notifications, 200), "one notification per row written");
        }
    }

    private static String tableOid() throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT 'rc_circuit_breakers'::regclass::oid::bigint")) {
            row.next();
            return row.getString(1);
        }
    }

    private static void update(Connection writer, String assignments) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            assertEquals(1, statement.executeUpdate("UPDATE rc_circuit_breakers SET " + assignments
                    + " WHERE namespace = 'orders' AND resource_key = 'payment_service'"));
        }
    }

    private static PGNotification next(PGConnection connection) throws SQLException {
        PGNotification notification = poll(connection, 5_000);
        assertTrue(notification != null, "a notification on " + CHANNEL + " within 5 s");
        assertEquals(CHANNEL, notification.getName());
        return notification;
    }

    private static PGNotification poll(PGConnection connection, int timeoutMillis) throws SQLException {
        PGNotification[] notifications = connection.getNotifications(timeoutMillis);
        if (notifications == null || notifications.length == 0) {
            return null;
        }
        assertEquals(1, notifications.length, "one notification at a time");
        return notifications[0];
    }

    /**
     * The payload's fields without the announcement time and the table's oid, which are checked
     * here: microseconds since the epoch by the database clock, the same host's clock give or take
     * a minute; the oid of rc_circuit_breakers.
     */
    private static List<String> fields(PGNotification notification) throws SQLException {
        List<String> fields = new ArrayList<>(List.of(notification.getParameter().split(SEPARATOR, -1)));
        assertEquals(9, fields.size(), notification.getParameter());
        assertEquals(tableOid(), fields.remove(7), "the table's oid");
        long announcedMillis = Long.parseLong(fields.remove(6)) / 1000;
        assertTrue(Math.abs(System.currentTimeMillis() - announcedMillis) < 60_000,
                "announcement time " + Instant.ofEpochMilli(announcedMillis) + " is now");
        return fields;
    }

    private static String updatedAt(String key) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            return query(connection, "SELECT updated_at FROM rc_circuit_breakers WHERE resource_key = '" + key + "'")
                    .get(1).get(0);
        }
    }

    /** The rows of a seed statement, the first being the column labels. */
    private static List<List<String>> query(String name) throws SQLException {
        try (Connection connection = db.connect()) {
            return query(connection, seedSql.get(name));
        }
    }

    private static List<List<String>> query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            List<List<String>> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                labels.add(meta.getColumnLabel(i));
            }
            rows.add(labels);
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static List<String> column(List<List<String>> rows, int index) {
        return rows.stream().skip(1).map(row -> row.get(index)).toList();
    }
}
