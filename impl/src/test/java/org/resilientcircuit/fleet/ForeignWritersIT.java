package org.resilientcircuit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * Guarantee 10, every writer is heard, on member JVMs that poll once a minute: an operator's
 * {@code UPDATE} through psql, and the statements of the Python library (resilient-circuit 0.6, as
 * it issues them: its upsert, its guarded upsert, its read), open and close the breaker that the
 * Java members follow, by notification; and the Python side sees what Java decides.
 */
class ForeignWritersIT {

    private static final Duration BY_NOTIFICATION = NoSilentSplitIT.BY_NOTIFICATION;
    /** The Python library's upsert (0.4.3 and later): every write, whatever the state. */
    private static final String PYTHON_UPSERT = """
            INSERT INTO rc_circuit_breakers
                (resource_key, namespace, state, failure_count, open_until, execution_log)
            VALUES (?, ?, ?, ?, ?::timestamptz, ?::jsonb)
            ON CONFLICT (resource_key, namespace) DO UPDATE SET
                state = EXCLUDED.state,
                failure_count = EXCLUDED.failure_count,
                open_until = EXCLUDED.open_until,
                execution_log = EXCLUDED.execution_log,
                updated_at = CURRENT_TIMESTAMP""";
    /** 0.5 and later: a write is refused while the row is OPEN and not yet expired. */
    private static final String PYTHON_GUARD =
            " WHERE NOT (rc_circuit_breakers.state = 'OPEN' AND COALESCE(rc_circuit_breakers.open_until > ?::timestamptz, FALSE))";
    private static final String PYTHON_READ = "SELECT state, failure_count, open_until, execution_log FROM rc_circuit_breakers"
            + " WHERE resource_key = ? AND namespace = ?";
    /** How 0.6 sends times: the host's clock, an explicit UTC offset, microseconds. */
    private static final DateTimeFormatter PYTHON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSZ");

    private static TestDatabase db;
    private Fleet fleet;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(ForeignWritersIT.class);
        db.applySchema();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @AfterEach
    void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void anOperatorsUpdateThroughPsqlOpensAndClosesTheBreakerOfEveryMember() throws Exception {
        fleet = new Fleet(db, "psql");
        List<Member> members = fleet.start(60_000, NoSilentSplitIT.POLL_RARELY, "A", "B");
        assertEquals("SUCCESS", members.get(0).call("ok"), "the row exists");

        psql("UPDATE rc_circuit_breakers SET state = 'OPEN', open_until = now() + interval '10 minutes'" + where());
        for (Member m : members) {
            m.awaitPhase(BreakerPhase.OPEN, BY_NOTIFICATION);
            int before = m.count();
            assertEquals("REJECTED", m.call("ok"), m + " follows the operator's UPDATE");
            assertEquals(before, m.count(), m + " did not run the method");
        }
        Fleet.Row opened = fleet.row();
        assertTrue(opened.changedBy().startsWith("sql:postgres/psql"), "attributed to the session: " + opened);
        assertTrue(opened.remainingMillis() > 500_000, opened.toString());

        psql("UPDATE rc_circuit_breakers SET state = 'CLOSED', failure_count = 0, open_until = NULL" + where());
        for (Member m : members) {
            m.awaitPhase(BreakerPhase.CLOSED, BY_NOTIFICATION);
            assertEquals("SUCCESS", m.call("ok"), m + " follows the operator's reset");
        }
        assertEquals(opened.version() + 1, fleet.row().version(), "each change of meaning is one version");
    }

    @Test
    void aPythonServiceAndJavaMembersShareOneBreakerBothWays() throws Exception {
        fleet = new Fleet(db, "python");
        List<Member> members = fleet.start(1_000, NoSilentSplitIT.POLL_RARELY, "A", "B");
        Member a = members.get(0);
        Member b = members.get(1);

        // Python trips: its status setter and its decorator each write the row.
        python("OPEN", 3, now().plusMinutes(1), "[true, false, false]");
        python("OPEN", 3, now().plusMinutes(1), "[true, false, false]");
        for (Member m : members) {
            m.awaitPhase(BreakerPhase.OPEN, BY_NOTIFICATION);
            int before = m.count();
            assertEquals("REJECTED", m.call("ok"), m + " follows Python's opening");
            assertEquals(before, m.count(), m + " did not run the method");
        }

        // Python probes: HALF_OPEN without a lease; Java waits for its outcome instead of probing too.
        python("HALF_OPEN", 0, null, "[]");
        for (Member m : members) {
            m.awaitPhase(BreakerPhase.HALF_OPEN, BY_NOTIFICATION);
            int before = m.count();
            assertEquals("REJECTED", m.call("ok"), m + " leaves the probe to Python");
            assertEquals(before, m.count());
        }
        python("CLOSED", 0, null, "[]");
        python("CLOSED", 0, null, "[]");
        for (Member m : members) {
            m.awaitPhase(BreakerPhase.CLOSED, BY_NOTIFICATION);
            assertEquals("SUCCESS", m.call("ok"), m + " follows Python's close");
        }
        Fleet.Row closedByPython = fleet.row();
        assertTrue(closedByPython.changedBy().startsWith("sql:postgres"), closedByPython.toString());

        // Java trips: Python reads OPEN with a deadline ahead, and its guarded write is refused.
        assertTrue(a.ask("trip").startsWith("TRIPPED"));
        b.awaitPhase(BreakerPhase.OPEN, BY_NOTIFICATION);
        Fleet.Row openedByJava = fleet.row();
        assertEquals("A", openedByJava.changedBy());
        assertEquals(closedByPython.version() + 1, openedByJava.version(), "Java wrote from Python's version");
        try (Connection c = db.connect(); PreparedStatement read = c.prepareStatement(PYTHON_READ)) {
            read.setString(1, FleetMember.KEY);
            read.setString(2, fleet.namespace);
            try (ResultSet row = read.executeQuery()) {
                assertTrue(row.next());
                assertEquals("OPEN", row.getString("state"), "what Python 0.5+ reads before a call");
                assertTrue(row.getTimestamp("open_until").toInstant().isAfter(java.time.Instant.now()));
            }
        }
        assertEquals(0, pythonGuarded("CLOSED", 0, null, "[true]"), "Python 0.5+ does not overwrite a live opening");

        // A Python service resets the breaker (its unguarded upsert): every Java member closes.
        python("CLOSED", 0, null, "[]");
        for (Member m : members) {
            m.awaitPhase(BreakerPhase.CLOSED, BY_NOTIFICATION);
            assertEquals("SUCCESS", m.call("ok"));
        }
        assertEquals("CLOSED", fleet.row().state(), "no Java probe overwrote Python's reset");
    }

    private String where() {
        return " WHERE namespace = '" + fleet.namespace + "' AND resource_key = '" + FleetMember.KEY + "'";
    }

    private static ZonedDateTime now() {
        return ZonedDateTime.now(ZoneOffset.UTC);
    }

    private void python(String state, int failures, ZonedDateTime openUntil, String log) throws Exception {
        try (Connection c = db.connect(); PreparedStatement upsert = c.prepareStatement(PYTHON_UPSERT)) {
            bindPython(upsert, state, failures, openUntil, log);
            assertEquals(1, upsert.executeUpdate());
        }
    }

    private int pythonGuarded(String state, int failures, ZonedDateTime openUntil, String log) throws Exception {
        try (Connection c = db.connect(); PreparedStatement upsert = c.prepareStatement(PYTHON_UPSERT + PYTHON_GUARD)) {
            bindPython(upsert, state, failures, openUntil, log);
            upsert.setString(7, PYTHON_TIME.format(now()));
            return upsert.executeUpdate();
        }
    }

    private void bindPython(PreparedStatement upsert, String state, int failures, ZonedDateTime openUntil, String log)
            throws Exception {
        upsert.setString(1, FleetMember.KEY);
        upsert.setString(2, fleet.namespace);
        upsert.setString(3, state);
        upsert.setInt(4, failures);
        upsert.setString(5, openUntil == null ? null : PYTHON_TIME.format(openUntil));
        upsert.setString(6, log);
    }

    /** Runs psql, as an operator would, on the test database. */
    private static void psql(String sql) throws Exception {
        String name = db.name();
        Process process = new ProcessBuilder("psql", "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres",
                "-d", name, "-c", sql).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "psql ends");
        assertEquals(0, process.exitValue(), sql + "\n" + output);
        assertEquals("UPDATE 1", output.strip(), output);
    }
}
