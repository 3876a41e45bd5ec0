package org.resilientcircuit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.Driver;
import org.resilientcircuit.store.postgres.Schema;
import org.resilientcircuit.store.postgres.TestDatabase;

/** {@code pg-setup} against a real PostgreSQL: a scratch database, emptied before each test. */
class PgSetupTest {

    /** The table exactly as seed 000 (the ancestor's PostgreSQL guide) defines it. */
    static final String ANCESTOR_DDL = """
            CREATE TABLE rc_circuit_breakers (
                resource_key VARCHAR(255) PRIMARY KEY,
                state VARCHAR(50) NOT NULL,
                failure_count INTEGER NOT NULL DEFAULT 0,
                open_until TIMESTAMP,
                created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
            );
            """;

    private static TestDatabase db;

    @TempDir
    Path workDir;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(PgSetupTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyDatabase() {
        db.reset();
    }

    private CliRun pgSetup(String stdin, String... options) {
        List<String> args = new ArrayList<>(List.of("pg-setup", "--url", db.jdbcUrl()));
        args.addAll(List.of(options));
        return CliRun.run(stdin, Map.of(), workDir, args.toArray(String[]::new));
    }

    @Test
    void dryRunPrintsTheSchemaAndChangesNothing() throws SQLException {
        CliRun run = pgSetup("", "--dry-run");

        assertEquals(Main.OK, run.exit(), run.printed());
        assertTrue(run.out().contains(Schema.sql()), run.printed());
        assertTrue(run.out().contains("nothing was changed"), run.printed());
        assertEquals(List.of(), objects());
    }

    @Test
    void grantPrintsWhatARoleNeedsAndTouchesNothing() throws SQLException {
        CliRun plain = CliRun.run("", Map.of(), workDir, "pg-setup", "--grant", "rc_app");
        CliRun odd = CliRun.run("", Map.of(), workDir, "pg-setup", "--grant", "Orders \"App\"");
        CliRun missing = CliRun.run("", Map.of(), workDir, "pg-setup", "--grant");

        assertEquals(Main.OK, plain.exit(), plain.printed());
        assertTrue(plain.out().contains("GRANT SELECT, INSERT, UPDATE ON rc_circuit_breakers TO rc_app;"), plain.printed());
        assertTrue(plain.out().contains("GRANT SELECT, INSERT, UPDATE, DELETE ON rc_breaker_votes TO rc_app;"),
                plain.printed());
        assertTrue(odd.out().contains("TO \"Orders \"\"App\"\"\";"), "quoted as an identifier: " + odd.printed());
        assertEquals(Main.USAGE, missing.exit(), missing.printed());
        assertTrue(missing.err().contains("--grant"), missing.printed());
        assertEquals(List.of(), objects());
    }

    @Test
    void dryRunNeedsNoDatabase() {
        CliRun unreachable = CliRun.run("", Map.of(), workDir, "pg-setup", "--dry-run", "--url",
                "jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody&connectTimeout=1");
        CliRun unconfigured = CliRun.run("", Map.of(), workDir, "pg-setup", "--dry-run");

        assertEquals(Main.OK, unreachable.exit(), unreachable.printed());
        assertTrue(unreachable.out().contains("-- Target: host 127.0.0.1:1, database nowhere, user nobody, TLS prefer"),
                unreachable.printed());
        assertEquals(Main.OK, unconfigured.exit(), unconfigured.printed());
        assertTrue(unconfigured.out().contains(Schema.sql()), unconfigured.printed());
        assertTrue(unconfigured.out().contains("-- Target: no database configured"), unconfigured.printed());
    }

    @Test
    void yesCreatesTheTableItsIndexesAndTriggers() throws SQLException {
        CliRun run = pgSetup("", "--yes");

        assertEquals(Main.OK, run.exit(), run.printed());
        List<String> objects = objects();
        for (String object : List.of(
                "table rc_circuit_breakers",
                "index rc_circuit_breakers_pkey",
                "index idx_rc_circuit_breakers_state",
                "index idx_rc_circuit_breakers_open_until",
                "index idx_rc_circuit_breakers_key_state",
                "index idx_rc_circuit_breakers_state_updated",
                "index idx_rc_circuit_breakers_namespace_updated",
                "trigger rc_circuit_breakers_notify",
                "trigger rc_circuit_breakers_updated_at",
                "trigger rc_circuit_breakers_version")) {
            assertTrue(objects.contains(object), object + " in " + objects);
        }
        assertEquals(List.of("idx_rc_circuit_breakers_key_state", "idx_rc_circuit_breakers_namespace_updated",
                "idx_rc_circuit_breakers_open_until", "idx_rc_circuit_breakers_state",
                "idx_rc_circuit_breakers_state_updated", "rc_circuit_breakers_pkey"),
                strings("SELECT indexname FROM pg_indexes WHERE tablename = 'rc_circuit_breakers' ORDER BY 1"),
                "the seeds' five indexes and the change feed's");
        assertEquals(List.of("namespace", "resource_key"), primaryKey());
        for (String name : Inspection.INDEXES) {
            assertTrue(run.out().contains(name), "report names " + name + "\n" + run.printed());
        }
        for (String name : Inspection.TRIGGERS) {
            assertTrue(run.out().contains(name), "report names " + name + "\n" + run.printed());
        }
        assertTrue(run.out().contains("host " + server().getProperty("PGHOST")), run.printed());
        assertTrue(run.out().contains("PGTZ=<its zone>"), "tells what Python 0.4 and 0.5 hosts must set\n" + run.printed());
    }

    @Test
    void neverPrintsThePassword() {
        CliRun run = pgSetup("", "--yes", "--url", db.jdbcUrl() + "&password=s3cret-Pa55");
        CliRun viaEnvironment = CliRun.run("", environment(Map.of(DbSettings.PASSWORD, "s3cret-Pa55")), workDir,
                "pg-setup", "--yes");

        assertEquals(Main.OK, run.exit(), run.printed());
        assertFalse(run.printed().contains("s3cret"), run.printed());
        assertEquals(Main.OK, viaEnvironment.exit(), viaEnvironment.printed());
        assertFalse(viaEnvironment.printed().contains("s3cret"), viaEnvironment.printed());
    }

    @Test
    void aSecondRunSucceedsAndKeepsRowsAsTheyAre() throws SQLException {
        assertEquals(Main.OK, pgSetup("", "--yes").exit());
        db.execute("INSERT INTO rc_circuit_breakers (resource_key, state, failure_count, open_until)"
                + " VALUES ('payment_service', 'OPEN', 5, now() + interval '1 minute')");
        List<String> before = rows();
        List<String> objectsBefore = objects();

        CliRun second = pgSetup("", "--yes");

        assertEquals(Main.OK, second.exit(), second.printed());
        assertTrue(second.out().contains("exists with 1 rows"), second.printed());
        assertEquals(before, rows());
        assertEquals(objectsBefore, objects());
    }

    @ParameterizedTest
    @ValueSource(strings = {"n\n", "N\n", "no\n", "\n", "", "maybe\n"})
    void anythingButYesAtThePromptChangesNothing(String answer) throws SQLException {
        CliRun run = pgSetup(answer);

        assertEquals(Main.FAILURE, run.exit(), run.printed());
        assertTrue(run.out().contains("[y/N]"), run.printed());
        assertTrue(run.err().contains("aborted, nothing was changed"), run.printed());
        assertEquals(List.of(), objects());
    }

    @ParameterizedTest
    @ValueSource(strings = {"y\n", "Y\n", "yes\n", " YES \n"})
    void yesAtThePromptApplies(String answer) throws SQLException {
        CliRun run = pgSetup(answer);

        assertEquals(Main.OK, run.exit(), run.printed());
        assertTrue(run.out().contains("Apply schema.sql (create or upgrade rc_circuit_breakers) to database "
                + db.name() + " on "), run.printed());
        assertTrue(objects().contains("table rc_circuit_breakers"));
    }

    @Test
    void upgradesTheAncestorsTableKeepingItsRows() throws SQLException {
        // The ancestor's sessions (psycopg) ran in the server's zone; pgjdbc's run in the JVM's. A server
        // zone far from the JVM's shows that the TIMESTAMP values are read in the server's zone.
        String serverZone = offsetOn2030(ZoneId.systemDefault()).equals(offsetOn2030(ZoneId.of("Asia/Tokyo")))
                ? "America/Los_Angeles" : "Asia/Tokyo";
        try (TestDatabase ancestor = TestDatabase.create("pgsetup_ancestor")) {
            ancestor.execute("ALTER DATABASE " + ancestor.name() + " SET TimeZone = '" + serverZone + "'");
            ancestor.execute(ANCESTOR_DDL);
            ancestor.execute("SET LOCAL TimeZone = '" + serverZone + "';"
                    + " INSERT INTO rc_circuit_breakers (resource_key, state, failure_count, open_until)"
                    + " VALUES ('payment_service', 'OPEN', 5, '2030-01-01 12:00:00'),"
                    + " ('inventory_service', 'CLOSED', 3, NULL)");

            CliRun run = CliRun.run("", Map.of(), workDir, "pg-setup", "--yes", "--url", ancestor.jdbcUrl());

            assertEquals(Main.OK, run.exit(), run.printed());
            assertTrue(run.out().contains("exists with 2 rows"), run.printed());
            assertTrue(run.out().contains("local time in " + serverZone + " (the server's TimeZone)"), run.printed());
            try (Connection connection = ancestor.connect(); Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT resource_key, state, failure_count, open_until,"
                            + " created_at, namespace, version, changed_by, lease_until FROM rc_circuit_breakers"
                            + " ORDER BY resource_key")) {
                assertTrue(result.next());
                assertEquals("inventory_service", result.getString("resource_key"));
                assertEquals("CLOSED", result.getString("state"));
                assertEquals(3, result.getInt("failure_count"));
                assertNull(result.getObject("open_until"));
                assertTrue(result.next());
                assertEquals("payment_service", result.getString("resource_key"));
                assertEquals("OPEN", result.getString("state"));
                assertEquals(5, result.getInt("failure_count"));
                Instant openUntil = result.getObject("open_until", OffsetDateTime.class).toInstant();
                assertEquals(LocalDateTime.parse("2030-01-01T12:00:00").atZone(ZoneId.of(serverZone)).toInstant(),
                        openUntil);
                Instant createdAt = result.getObject("created_at", OffsetDateTime.class).toInstant();
                assertTrue(Duration.between(createdAt, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) < 0,
                        "created_at " + createdAt + " is now, read in the server's zone");
                assertEquals("", result.getString("namespace"));
                assertEquals(0, result.getLong("version"));
                assertEquals("", result.getString("changed_by"));
                assertNull(result.getObject("lease_until"));
                assertFalse(result.next());
            }
            try (Connection connection = ancestor.connect()) {
                Inspection state = Inspection.of(connection);
                assertEquals(List.of(), state.missing());
                assertEquals(List.of(), state.localTimestamps());
            }
        }
    }

    @Test
    void readsTheRcDbVariablesFromTheEnvironmentOrDotEnv() throws Exception {
        CliRun fromEnvironment = CliRun.run("", environment(Map.of()), workDir, "pg-setup", "--yes");
        assertEquals(Main.OK, fromEnvironment.exit(), fromEnvironment.printed());
        assertTrue(fromEnvironment.out().contains("(settings from environment)"), fromEnvironment.printed());
        assertTrue(fromEnvironment.out().contains("database " + db.name()), fromEnvironment.printed());

        db.reset();
        StringBuilder dotEnv = new StringBuilder("# written by the test\n");
        environment(Map.of()).forEach((name, value) -> dotEnv.append(name).append("=\"").append(value).append("\"\n"));
        Files.writeString(workDir.resolve(".env"), dotEnv);
        CliRun fromDotEnv = CliRun.run("", Map.of(), workDir, "pg-setup", "--yes");
        assertEquals(Main.OK, fromDotEnv.exit(), fromDotEnv.printed());
        assertTrue(fromDotEnv.out().contains("(settings from " + workDir.resolve(".env") + ")"), fromDotEnv.printed());
        assertTrue(objects().contains("table rc_circuit_breakers"));
    }

    @Test
    void withoutHostOrUrlNamesBoth() throws SQLException {
        CliRun run = CliRun.run("", Map.of(DbSettings.NAME, "x"), workDir, "pg-setup", "--yes");

        assertEquals(Main.FAILURE, run.exit(), run.printed());
        assertTrue(run.err().contains("RC_DB_HOST"), run.printed());
        assertTrue(run.err().contains("--url"), run.printed());
        assertEquals(List.of(), objects());
    }

    @Test
    void aConnectionFailureIsOneLineWithTheTargetAndTheDriversMessage() {
        CliRun run = CliRun.run("", Map.of(DbSettings.HOST, "127.0.0.1", DbSettings.PORT, "1",
                DbSettings.NAME, "rc_nowhere"), workDir, "pg-setup", "--yes");

        assertEquals(Main.FAILURE, run.exit(), run.printed());
        assertEquals(1, run.err().lines().count(), run.printed());
        assertTrue(run.err().contains("cannot connect to PostgreSQL at 127.0.0.1:1/rc_nowhere: Connection to"
                + " 127.0.0.1:1 refused"), run.printed());
    }

    @Test
    void concurrentSetupsOfOneDatabaseBothSucceed() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<CliRun>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return pgSetup("", "--yes");
            }));
        }
        for (CompletableFuture<CliRun> run : runs) {
            CliRun done = run.get();
            assertEquals(Main.OK, done.exit(), done.printed());
        }
    }

    private static ZoneOffset offsetOn2030(ZoneId zone) {
        return zone.getRules().getOffset(LocalDateTime.parse("2030-01-01T12:00:00"));
    }

    /** RC_DB_* variables that reach the scratch database, plus extra ones. */
    private static Map<String, String> environment(Map<String, String> extra) {
        Properties server = server();
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                DbSettings.HOST, server.getProperty("PGHOST"),
                DbSettings.PORT, server.getProperty("PGPORT"),
                DbSettings.NAME, db.name(),
                DbSettings.USER, server.getProperty("user", System.getProperty("user.name"))));
        if (server.getProperty("password") != null) {
            env.put(DbSettings.PASSWORD, server.getProperty("password"));
        }
        env.putAll(extra);
        return env;
    }

    private static Properties server() {
        return Driver.parseURL(db.jdbcUrl(), null);
    }

    /** The table, indexes, triggers and functions in schema public, as "kind name", sorted. */
    private static List<String> objects() throws SQLException {
        return strings("""
                SELECT kind || ' ' || name FROM (
                    SELECT CASE relkind WHEN 'r' THEN 'table' WHEN 'i' THEN 'index' ELSE relkind::text END AS kind,
                           relname AS name
                    FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'i')
                    UNION ALL
                    SELECT 'trigger', tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                    WHERE c.relnamespace = 'public'::regnamespace AND NOT tgisinternal
                    UNION ALL
                    SELECT 'function', proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace) o
                ORDER BY 1""");
    }

    private static List<String> primaryKey() throws SQLException {
        return strings("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                + " AND a.attnum = ANY (i.indkey) WHERE i.indexrelid = 'rc_circuit_breakers_pkey'::regclass ORDER BY 1");
    }

    private static List<String> rows() throws SQLException {
        return strings("SELECT concat_ws('|', namespace, resource_key, state, failure_count, open_until, created_at,"
                + " updated_at, version, changed_by, lease_until) FROM rc_circuit_breakers ORDER BY resource_key");
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }
}
