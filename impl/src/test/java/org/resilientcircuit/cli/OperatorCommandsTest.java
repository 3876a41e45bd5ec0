package org.resilientcircuit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;
import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * status, reset and open against a real table: what they print, and what they write (the
 * instances' compare-and-set: version + 1, changed_by cli@host, deadlines by the database clock).
 */
class OperatorCommandsTest {

    private static TestDatabase db;

    @TempDir
    Path workDir;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(OperatorCommandsTest.class);
        db.applySchema();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void rows() {
        db.execute("DELETE FROM rc_circuit_breakers;"
                + " INSERT INTO rc_circuit_breakers (namespace, resource_key, state, version, failure_count, open_until,"
                + "   lease_until, changed_by) VALUES"
                + " ('', 'payment_service', 'OPEN', 3, 5, clock_timestamp() + interval '90 seconds', NULL, 'host-a/1/aa'),"
                + " ('', 'inventory_service', 'CLOSED', 0, 0, NULL, NULL, ''),"
                + " ('', 'shipping_api', 'HALF_OPEN', 8, 0, clock_timestamp() - interval '1 second',"
                + "   clock_timestamp() + interval '20 seconds', 'host-b/2/bb'),"
                + " ('staging', 'payment_service', 'CLOSED', 1, 0, NULL, NULL, 'host-c/3/cc')");
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl()));
        return CliRun.run("", Map.of(), workDir, all.toArray(String[]::new));
    }

    @Test
    void statusShowsEveryBreakerOfTheNamespaceInATable() {
        CliRun run = cli("status");

        assertEquals(Main.OK, run.exit(), run.printed());
        assertEquals("", run.err(), run.printed());
        List<String> lines = run.out().lines().toList();
        assertEquals("Namespace '' (default) in database " + db.name() + " on " + server().getProperty("PGHOST") + ":"
                + server().getProperty("PGPORT") + ": 3 breakers, 1 OPEN, 1 HALF_OPEN", lines.get(0));
        assertEquals(List.of("KEY", "STATE", "FAILURES", "REMAINING", "UPDATED", "AT", "CHANGED", "BY"),
                List.of(lines.get(1).split("\\s+")));
        assertTrue(lines.get(2).matches("inventory_service +CLOSED +0 +- +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +-"),
                lines.get(2));
        assertTrue(lines.get(3).matches("payment_service +OPEN +5 +(90|89|88)s to half-open +\\S+Z +host-a/1/aa"),
                lines.get(3));
        assertTrue(lines.get(4).matches("shipping_api +HALF_OPEN +0 +(20|19|18)s of probe lease +\\S+Z +host-b/2/bb"),
                lines.get(4));
        assertEquals(5, lines.size(), run.printed());
        int state = lines.get(1).indexOf("STATE");
        for (String line : lines.subList(2, 5)) {
            assertEquals(' ', line.charAt(state - 1), "aligned: " + run.out());
            assertTrue(Character.isLetter(line.charAt(state)), "aligned: " + run.out());
        }
    }

    @Test
    void statusJsonIsJsonAndNothingElse() {
        CliRun run = cli("status", "--json");

        assertEquals(Main.OK, run.exit(), run.printed());
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) MiniJson.parse(run.out());
        assertEquals("", report.get("namespace"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> breakers = (List<Map<String, Object>>) report.get("breakers");
        assertEquals(List.of("inventory_service", "payment_service", "shipping_api"),
                breakers.stream().map(b -> b.get("key")).toList());
        Map<String, Object> open = breakers.get(1);
        assertEquals("OPEN", open.get("state"));
        assertEquals(new BigDecimal(5), open.get("failure_count"));
        assertEquals(new BigDecimal(3), open.get("version"));
        BigDecimal seconds = (BigDecimal) open.get("seconds_to_half_open");
        assertTrue(seconds.compareTo(new BigDecimal(85)) > 0 && seconds.compareTo(new BigDecimal(90)) <= 0, "" + seconds);
        assertNull(open.get("lease_seconds_left"));
        assertTrue(((String) open.get("open_until")).endsWith("Z"), "" + open);
        assertTrue(((String) open.get("updated_at")).endsWith("Z"), "" + open);
        assertEquals("host-a/1/aa", open.get("changed_by"));
        Map<String, Object> halfOpen = breakers.get(2);
        assertNull(halfOpen.get("seconds_to_half_open"));
        assertTrue(((BigDecimal) halfOpen.get("lease_seconds_left")).compareTo(new BigDecimal(15)) > 0, "" + halfOpen);
    }

    @Test
    void theNamespaceComesFromTheOptionTheEnvironmentOrDotEnv() throws Exception {
        CliRun option = cli("status", "--json", "--namespace", "staging");
        CliRun environment = CliRun.run("", Map.of(Target.NAMESPACE, "staging"), workDir, "status", "--url",
                db.jdbcUrl());
        Files.writeString(workDir.resolve(".env"), "RC_NAMESPACE=staging\n");
        CliRun dotEnv = cli("status");
        CliRun optionWins = cli("status", "--namespace", "");

        assertEquals(List.of("payment_service"), keys(option));
        assertEquals(Main.OK, environment.exit(), environment.printed());
        assertTrue(environment.out().startsWith("Namespace 'staging' (RC_NAMESPACE in the environment) in database "),
                environment.printed());
        assertTrue(environment.out().contains("host-c/3/cc"), environment.printed());
        assertTrue(dotEnv.out().startsWith("Namespace 'staging' (RC_NAMESPACE in " + workDir.resolve(".env") + ")"),
                dotEnv.printed());
        assertTrue(optionWins.out().startsWith("Namespace '' (--namespace) in database "), optionWins.printed());
        assertTrue(optionWins.out().contains("3 breakers"), optionWins.printed());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> keys(CliRun run) {
        assertEquals(Main.OK, run.exit(), run.printed());
        Map<String, Object> report = (Map<String, Object>) MiniJson.parse(run.out());
        return ((List<Map<String, Object>>) report.get("breakers")).stream().map(b -> b.get("key")).toList();
    }

    @Test
    void anEmptyNamespaceNamesTheOnesThatExist() {
        CliRun run = cli("status", "--namespace", "prod");
        CliRun json = cli("status", "--namespace", "prod", "--json");

        assertEquals(Main.OK, run.exit(), run.printed());
        assertTrue(run.out().contains(": 0 breakers, 0 OPEN, 0 HALF_OPEN"), run.printed());
        assertTrue(run.out().contains("Namespaces in rc_circuit_breakers: '' (3 breakers), 'staging' (1 breaker)."),
                run.printed());
        assertEquals(Map.of("namespace", "prod", "breakers", List.of()), MiniJson.parse(json.out()));
    }

    @Test
    void resetClosesByCompareAndSet() throws SQLException {
        CliRun run = cli("reset", "payment_service");

        assertEquals(Main.OK, run.exit(), run.printed());
        String by = ForceCommand.changedBy();
        assertTrue(by.startsWith("cli@") && by.length() > 4, by);
        assertEquals("Reset 'payment_service' in namespace '': OPEN -> CLOSED, version 3 -> 4, changed_by " + by + ".",
                run.out().lines().findFirst().orElseThrow(), run.printed());
        assertTrue(run.out().contains("Running instances adopt the change at once"), run.printed());
        assertEquals("CLOSED|4|0|null|null|" + by, row("", "payment_service"));
        assertEquals("CLOSED|1|0|null|null|host-c/3/cc", row("staging", "payment_service"), "other namespaces untouched");
    }

    @Test
    void resetOfAClosedBreakerStillStartsANewVersion() throws SQLException {
        CliRun run = cli("reset", "inventory_service");

        assertEquals(Main.OK, run.exit(), run.printed());
        assertTrue(run.out().contains("CLOSED -> CLOSED, version 0 -> 1"), run.printed());
        assertEquals("CLOSED|1|0|null|null|" + ForceCommand.changedBy(), row("", "inventory_service"));
    }

    @Test
    void resetTakesTheProbeAwayFromAHalfOpenBreaker() throws SQLException {
        CliRun run = cli("reset", "shipping_api");

        assertEquals(Main.OK, run.exit(), run.printed());
        assertEquals("CLOSED|9|0|null|null|" + ForceCommand.changedBy(), row("", "shipping_api"));
    }

    @Test
    void openHoldsTheBreakerOpenByTheDatabaseClock() throws SQLException {
        CliRun run = cli("open", "inventory_service", "--for", "5m");

        assertEquals(Main.OK, run.exit(), run.printed());
        assertEquals("Opened 'inventory_service' in namespace '' for 5m: CLOSED -> OPEN, version 0 -> 1, changed_by "
                + ForceCommand.changedBy() + ".", run.out().lines().findFirst().orElseThrow(), run.printed());
        assertTrue(run.out().contains("Calls are rejected for 5m; then the first call probes."), run.printed());
        assertEquals("OPEN|1|0|set|null|" + ForceCommand.changedBy(), row("", "inventory_service"));
        long seconds = seconds("SELECT EXTRACT(EPOCH FROM open_until - clock_timestamp()) FROM rc_circuit_breakers"
                + " WHERE namespace = '' AND resource_key = 'inventory_service'");
        assertTrue(seconds > 290 && seconds <= 300, seconds + " s");
    }

    @Test
    void openWithoutForHoldsItOneMinute() throws SQLException {
        CliRun run = cli("open", "payment_service");

        assertEquals(Main.OK, run.exit(), run.printed());
        assertTrue(run.out().contains("OPEN -> OPEN, version 3 -> 4"), run.printed());
        long seconds = seconds("SELECT EXTRACT(EPOCH FROM open_until - clock_timestamp()) FROM rc_circuit_breakers"
                + " WHERE namespace = '' AND resource_key = 'payment_service'");
        assertTrue(seconds > 50 && seconds <= 60, seconds + " s");
    }

    @Test
    void anUnknownKeyChangesNothingAndSaysWhereItIs() throws SQLException {
        List<String> before = allRows();
        CliRun unknown = cli("reset", "payments");
        CliRun elsewhere = cli("open", "payment_service", "--namespace", "prod", "--for", "1h");
        CliRun withPassword = CliRun.run("", Map.of(), workDir, "reset", "payments", "--url",
                db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "password=s3cret-Pa55");

        assertEquals(Main.FAILURE, unknown.exit(), unknown.printed());
        assertEquals(1, unknown.err().lines().count(), unknown.printed());
        assertEquals("resilient-circuit reset: no circuit breaker 'payments' in namespace '' (default) in database "
                + db.name() + " on " + server().getProperty("PGHOST") + ":" + server().getProperty("PGPORT")
                + "; no namespace has it: 'status' lists the keys of a namespace. Nothing was changed.\n", unknown.err());
        assertEquals("", unknown.out());
        assertEquals(Main.FAILURE, elsewhere.exit(), elsewhere.printed());
        assertTrue(elsewhere.err().contains("no circuit breaker 'payment_service' in namespace 'prod' (--namespace)"),
                elsewhere.printed());
        assertTrue(elsewhere.err().contains("it exists in namespace '', 'staging': choose with"
                + " --namespace NS. Nothing was changed."), elsewhere.printed());
        assertEquals(Main.FAILURE, withPassword.exit(), withPassword.printed());
        assertFalse(withPassword.printed().contains("s3cret"), withPassword.printed());
        assertEquals(before, allRows());
    }

    @Test
    void aRowThatKeepsMovingIsLeftAloneAfterFiveAttempts() throws SQLException {
        // Every compare-and-set of the command line finds the row moved: a trigger skips its updates.
        db.execute("CREATE FUNCTION test_lose() RETURNS trigger AS $$ BEGIN RETURN NULL; END $$ LANGUAGE plpgsql;"
                + " CREATE TRIGGER test_lose BEFORE UPDATE ON rc_circuit_breakers FOR EACH ROW"
                + " WHEN (NEW.changed_by LIKE 'cli@%') EXECUTE FUNCTION test_lose()");
        try {
            List<String> before = allRows();
            CliRun run = cli("reset", "payment_service");

            assertEquals(Main.FAILURE, run.exit(), run.printed());
            assertEquals("resilient-circuit reset: 'payment_service' in namespace '' kept changing: 5 attempts lost to"
                    + " transitions of running instances (now OPEN, version 3). Nothing was changed; try again.\n",
                    run.err());
            assertEquals(before, allRows());
        } finally {
            db.execute("DROP TRIGGER test_lose ON rc_circuit_breakers; DROP FUNCTION test_lose()");
        }
    }

    @Test
    void aMissingTableIsNamedWithTheCommandThatCreatesIt() {
        try (TestDatabase empty = TestDatabase.create("cli_empty")) {
            CliRun run = CliRun.run("", Map.of(), workDir, "status", "--url", empty.jdbcUrl());

            assertEquals(Main.FAILURE, run.exit(), run.printed());
            assertEquals("resilient-circuit status: table rc_circuit_breakers does not exist in database " + empty.name()
                    + " on " + server().getProperty("PGHOST") + ":" + server().getProperty("PGPORT")
                    + ": create it with 'pg-setup', or start an instance with rc.schema.create=true\n", run.err());
        }
    }

    @Test
    void theRcDbVariablesWorkAsForPgSetup() {
        Properties server = server();
        Map<String, String> env = new HashMap<>(Map.of(DbSettings.HOST, server.getProperty("PGHOST"), DbSettings.PORT,
                server.getProperty("PGPORT"), DbSettings.NAME, db.name(), DbSettings.USER,
                server.getProperty("user", System.getProperty("user.name"))));
        if (server.getProperty("password") != null) {
            env.put(DbSettings.PASSWORD, server.getProperty("password"));
        }
        CliRun run = CliRun.run("", env, workDir, "status", "--json");

        assertEquals(List.of("inventory_service", "payment_service", "shipping_api"), keys(run));
    }

    /** state|version|failure_count|open_until set?|lease_until set?|changed_by */
    private static String row(String namespace, String key) throws SQLException {
        try (Connection connection = db.connect();
                var select = connection.prepareStatement("SELECT state, version, failure_count, open_until, lease_until,"
                        + " changed_by FROM rc_circuit_breakers WHERE namespace = ? AND resource_key = ?")) {
            select.setString(1, namespace);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next(), key);
                return rows.getString(1) + "|" + rows.getLong(2) + "|" + rows.getInt(3) + "|"
                        + (rows.getObject(4) == null ? "null" : "set") + "|" + (rows.getObject(5) == null ? "null" : "set")
                        + "|" + rows.getString(6);
            }
        }
    }

    private static List<String> allRows() throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT concat_ws('|', namespace, resource_key, state, version,"
                        + " failure_count, open_until, lease_until, changed_by, updated_at) FROM rc_circuit_breakers"
                        + " ORDER BY namespace, resource_key")) {
            List<String> all = new ArrayList<>();
            while (rows.next()) {
                all.add(rows.getString(1));
            }
            return all;
        }
    }

    private static long seconds(String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return Math.round(rows.getDouble(1));
        }
    }

    private static Properties server() {
        return Driver.parseURL(db.jdbcUrl(), null);
    }
}
