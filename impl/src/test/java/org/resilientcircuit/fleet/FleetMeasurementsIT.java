package org.resilientcircuit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.store.postgres.TestDatabase;
import org.resilientcircuit.testing.TcpProxy;

/**
 * Numbers, printed with the prefix {@code [measure]}, never asserted (they depend on the machine):
 * how fast an opening travels from one member process to another, and how many statements the store
 * sends per 1,000 guarded calls in the closed state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetMeasurementsIT {

    private static final int WARM_UP_OPENINGS = 5;
    private static final int OPENINGS = 50;

    /**
     * PostgreSQL 15 publishes a backend's statistics up to ~10 s late when the backend went idle right
     * after an earlier flush (PGSTAT_IDLE_INTERVAL): member M's start-up statements (before READY) must
     * be published before its xact_commit windows begin.
     */
    private static final long STATISTICS_SETTLE_MILLIS = 11_000;

    private static TestDatabase db;
    /** M's database of its own: nobody else's statistics (the propagation members') land in its counters. */
    private static TestDatabase statementsDb;
    private Fleet fleet;
    /** Member M of the statements measurement, started with the class so that it settles meanwhile. */
    private static Fleet statementsFleet;
    private static TcpProxy proxy;
    private static Member m;

    @BeforeAll
    static void createDatabaseAndLaunchM() throws IOException {
        db = TestDatabase.create(FleetMeasurementsIT.class);
        db.applySchema();
        statementsDb = TestDatabase.create("FleetStatements");
        statementsDb.applySchema();
        Map<String, String> rc = Fleet.coordinates(statementsDb.jdbcUrl());
        proxy = new TcpProxy(rc.get("rc.db.host"), Integer.parseInt(rc.get("rc.db.port")));
        statementsFleet = new Fleet(statementsDb, "statements");
        m = statementsFleet.launch("M", 1000, Map.of("rc.db.host", "127.0.0.1", "rc.db.port", Integer.toString(proxy.port())));
    }

    @AfterAll
    static void stopMAndDropDatabase() {
        try {
            if (statementsFleet != null) {
                statementsFleet.close();
            }
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            if (statementsDb != null) {
                statementsDb.close();
            }
            if (db != null) {
                db.close();
            }
        }
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    /**
     * Propagation delay of an opening, A to B (two processes, LISTEN/NOTIFY, default poll interval 1 s).
     * Each round: B starts sampling its own local view every ~0.1 ms ({@code watch OPEN}); A fails until
     * its own view is OPEN and reports the wall-clock time as the tripping call returns; B reports the
     * wall-clock time at which its view first showed OPEN. Same host, same clock. The delay counted is
     * B's time minus A's; also printed, B's time minus the row's updated_at (the commit, by the database
     * clock, which on this host is the same clock). Then the breaker is closed the ordinary way (delay
     * of 100 ms, a successful probe on A) and B waits until it sees CLOSED before the next round.
     */
    @Test
    @Order(1)
    void propagationDelayOfAnOpening() {
        fleet = new Fleet(db, "propagation");
        List<Member> members = fleet.start(100, "A", "B");
        Member a = members.get(0);
        Member b = members.get(1);
        List<Long> fromDecision = new ArrayList<>();
        List<Long> fromCommit = new ArrayList<>();
        int lostProbes = 0;
        for (int round = 0; round < WARM_UP_OPENINGS + OPENINGS; round++) {
            assertEquals("WATCHING", b.ask("watch OPEN 5000"));
            String tripped = a.ask("trip");
            long decidedMicros = Long.parseLong(tripped.split(" ")[1]);
            String observed = b.expect(Member.ANSWER_TIMEOUT);
            assertTrue(observed.startsWith("OBSERVED"), "B did not see the opening: " + observed);
            long observedMicros = Long.parseLong(observed.split(" ")[1]);
            long observedVersion = Long.parseLong(observed.split(" ")[2]);
            Fleet.Row row = fleet.row();
            assertEquals("OPEN", row.state());
            assertEquals(observedVersion, row.version(), "B saw the version A wrote");
            if (round >= WARM_UP_OPENINGS) {
                fromDecision.add(observedMicros - decidedMicros);
                fromCommit.add(observedMicros - row.updatedMicros());
            }
            // close it again: after the delay, A's successful call is the probe
            Member.sleep(row.remainingMillis() + 20);
            assertEquals("WATCHING", b.ask("watch CLOSED 5000"));
            String probe = a.call("ok");
            if (probe.equals("REJECTED")) {
                // A won the half-open phase but rejected the call that won it (see LateStoreAnswerTest):
                // the phase is A's, with its trial still unused, so A's next call is the probe.
                String[] view = a.state();
                assertEquals("HALF_OPEN", view[0], "A rejected its probe in " + String.join(" ", view));
                assertEquals("A", view[2]);
                lostProbes++;
                probe = a.call("ok");
            }
            assertEquals("SUCCESS", probe, "A's probe");
            String closed = b.expect(Member.ANSWER_TIMEOUT);
            assertTrue(closed.startsWith("OBSERVED"), "B did not see the close: " + closed);
            assertEquals(BreakerPhase.CLOSED, a.phase());
        }
        System.out.println("[measure] propagation of an opening from member A to member B, " + OPENINGS
                + " openings after " + WARM_UP_OPENINGS + " warm-up (LISTEN/NOTIFY, poll 1000 ms):");
        System.out.println("[measure]   A's decision -> B rejects: " + summary(fromDecision));
        System.out.println("[measure]   row committed (updated_at) -> B rejects: " + summary(fromCommit));
        System.out.println("[measure] rounds in which A won the half-open phase but rejected the winning call: "
                + lostProbes + " of " + (WARM_UP_OPENINGS + OPENINGS));
    }

    /**
     * Statements per 1,000 guarded calls in the closed state. Member M reaches PostgreSQL through a
     * {@link TcpProxy} that counts every statement M sends (each simple Query and each Execute of the
     * extended protocol); pg_stat_database.xact_commit of the test's own database is read alongside
     * (from another database, so the reading does not count itself; PostgreSQL 15 publishes backend
     * statistics up to a second or so late, so that number is approximate). Two windows of equal length:
     * one idle (only the feed's periodic polls), one with 1,000 successful calls on M; the difference is
     * what the calls cost.
     */
    @Test
    @Order(2)
    void statementsPerThousandClosedCalls() throws Exception {
        long ready = m.awaitReady(Fleet.START_TIMEOUT);
        assertEquals("SUCCESS", m.call("ok"));
        // connection set-up, schema and first polls out of the way, and their statistics published
        Member.sleep(Math.max(1_000, ready + STATISTICS_SETTLE_MILLIS - System.currentTimeMillis()));
        long window = 4_000;

        long idleStatements = proxy.statements();
        long idleCommits = xactCommit();
        long idleStart = System.nanoTime();
        Member.sleep(window);
        long idleStatementsAfter = proxy.statements();
        long idleCommitsAfter = xactCommit();
        long idleMillis = (System.nanoTime() - idleStart) / 1_000_000;

        long busyStatements = proxy.statements();
        long busyCommits = xactCommit();
        long busyStart = System.nanoTime();
        String burst = m.ask("burst 1000");
        long burstMillis = (System.nanoTime() - busyStart) / 1_000_000;
        Member.sleep(Math.max(0, window - burstMillis));
        long busyStatementsAfter = proxy.statements();
        long busyCommitsAfter = xactCommit();
        long busyMillis = (System.nanoTime() - busyStart) / 1_000_000;

        String[] counts = burst.split(" ");
        assertEquals("1000", counts[1], "all 1,000 calls succeeded: " + burst);
        assertEquals(BreakerPhase.CLOSED, m.phase());
        long idle = idleStatementsAfter - idleStatements;
        long busy = busyStatementsAfter - busyStatements;
        System.out.printf("[measure] statements sent by member M (counted at the protocol level by a proxy):%n");
        System.out.printf("[measure]   idle window %d ms: %d statements (the feed's polls, every 1000 ms)%n", idleMillis, idle);
        System.out.printf("[measure]   window %d ms with 1,000 closed-state calls (%s, calls took %.1f ms in M): %d statements%n",
                busyMillis, burst, Long.parseLong(counts[4]) / 1e6, busy);
        System.out.printf("[measure]   => statements per 1,000 guarded calls, polls subtracted: %d%n", busy - idle);
        System.out.printf("[measure] pg_stat_database.xact_commit of the test database: idle window +%d, busy window +%d"
                + " => per 1,000 guarded calls, polls subtracted: %d (approximate)%n", idleCommitsAfter - idleCommits,
                busyCommitsAfter - busyCommits, (busyCommitsAfter - busyCommits) - (idleCommitsAfter - idleCommits));
    }

    private static long xactCommit() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.serverUrl());
                PreparedStatement select = c.prepareStatement("SELECT xact_commit FROM pg_stat_database WHERE datname = ?")) {
            select.setString(1, statementsDb.name());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** median, p99 and max in milliseconds. */
    static String summary(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return String.format("n=%d, median %.3f ms, p99 %.3f ms, min %.3f ms, max %.3f ms", sorted.size(),
                StoreOutageIT.percentile(sorted, 50) / 1000.0, StoreOutageIT.percentile(sorted, 99) / 1000.0,
                sorted.get(0) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    }

}
