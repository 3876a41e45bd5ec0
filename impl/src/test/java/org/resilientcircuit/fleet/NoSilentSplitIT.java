package org.resilientcircuit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * Guarantee 11, no silent split, on member JVMs: a row nobody can understand, and a table dropped
 * and created again with {@code pg-setup}, leave the fleet agreeing with the table. The members poll
 * once a minute, so within the bounds below only a notification can carry a change.
 */
class NoSilentSplitIT {

    /** Far beyond a notification's few milliseconds, far below the poll interval. */
    static final Duration BY_NOTIFICATION = Duration.ofSeconds(5);
    static final String DEGRADED = "cannot use the breaker state";
    static final String RECOVERED = "again; local transitions are being reconciled";
    static final Map<String, String> POLL_RARELY = Map.of("rc.poll.interval", "60000", "rc.schema.create", "false");

    private static TestDatabase db;
    private Fleet fleet;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(NoSilentSplitIT.class);
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void createTable() {
        db.reset();
        db.applySchema();
    }

    @AfterEach
    void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aRowNobodyCanUnderstandIsNamedOnceAndEveryOtherKeyGoesOn() throws Exception {
        fleet = new Fleet(db, "bad-row");
        insertGoodKeys(100);
        List<Member> members = fleet.start(60_000, POLL_RARELY, "A", "B");
        Member a = members.get(0);
        Member b = members.get(1);
        assertEquals("SUCCESS", b.ask("other ok"), "B uses the second key too, so its row is B's to follow");
        db.execute("UPDATE rc_circuit_breakers SET state = 'BOGUS' WHERE namespace = '" + fleet.namespace
                + "' AND resource_key = '" + FleetMember.OTHER_KEY + "'");

        assertTrue(a.ask("trip").startsWith("TRIPPED"));
        b.awaitPhase(BreakerPhase.OPEN, BY_NOTIFICATION);
        b.await("listing the bad row", () -> b.unreadableKeys().equals(Set.of(FleetMember.OTHER_KEY)), BY_NOTIFICATION);
        assertEquals(1, b.logLines("cannot understand the row of breaker " + FleetMember.OTHER_KEY),
                "named once in B's log:\n" + b.logTail(20));
        assertEquals("REJECTED", b.call("ok"), "B follows the other key although one row is bad");

        for (int i = 0; i < 4; i++) {
            assertEquals("FAILED", a.ask("other fail"), "A decides on its own window for the bad key");
        }
        assertEquals("OPEN", a.otherState()[0]);
        b.await("following A's opening of the repaired key", () -> b.otherState()[0].equals("OPEN"), BY_NOTIFICATION);
        b.await("no longer listing the row", () -> b.unreadableKeys().isEmpty(), BY_NOTIFICATION);
        Fleet.Row repaired = fleet.row(FleetMember.OTHER_KEY);
        assertEquals("OPEN", repaired.state(), "A's transition replaced the bad row");
        assertEquals("A", repaired.changedBy());
        assertEquals(1, b.logLines("cannot understand the row of breaker " + FleetMember.OTHER_KEY),
                "still named once:\n" + b.logTail(20));
    }

    @Test
    void aTableDroppedAndCreatedAgainIsAdoptedAndTheFleetAgreesAgain() throws Exception {
        fleet = new Fleet(db, "recreated");
        List<Member> members = fleet.start(1_000, Map.of("rc.poll.interval", "250", "rc.schema.create", "false"), "A", "B");
        Member a = members.get(0);
        Member b = members.get(1);
        for (int round = 0; round < 2; round++) { // versions grow: OPEN, HALF_OPEN, CLOSED twice
            assertTrue(a.ask("trip").startsWith("TRIPPED"));
            b.awaitPhase(BreakerPhase.OPEN, BY_NOTIFICATION);
            Member.sleep(1_100);
            assertEquals("SUCCESS", a.call("ok"), "A probes and closes");
            b.awaitPhase(BreakerPhase.CLOSED, BY_NOTIFICATION);
        }
        long before = fleet.row().version();
        assertTrue(before >= 6, "history before the drop: " + fleet.row());

        db.execute("DROP TABLE rc_circuit_breakers CASCADE");
        Member.sleep(3_000); // a dozen polls fail while it is missing
        for (Member m : members) {
            assertEquals(1, m.logLines(DEGRADED), m + " warned once while the table was missing:\n" + m.logTail(30));
            assertEquals(0, m.logLines(RECOVERED), m + " did not claim to recover meanwhile:\n" + m.logTail(30));
            assertTrue(m.logTail(30).contains("pg-setup"), m + " named the command that creates the table");
        }
        fleet.cli("pg-setup", "--yes");

        assertTrue(b.ask("trip").startsWith("TRIPPED"), "B decides on a table that starts again at version 0");
        a.awaitPhase(BreakerPhase.OPEN, BY_NOTIFICATION);
        Fleet.Row opened = fleet.row();
        assertEquals("OPEN", opened.state(), "B's decision reached the new table");
        assertEquals("B", opened.changedBy());
        assertTrue(opened.version() > before, "written on top of every version an instance held: " + opened);

        Member.sleep(1_100);
        assertEquals("SUCCESS", a.call("ok"), "A probes on the new table and closes it");
        b.awaitPhase(BreakerPhase.CLOSED, BY_NOTIFICATION);
        Fleet.Row closed = fleet.row();
        assertEquals("CLOSED", closed.state(), "the table holds the latest transition");
        assertEquals("A", closed.changedBy());
        assertEquals(opened.version() + 2, closed.version(), "HALF_OPEN and CLOSED followed without a gap");
        for (Member m : members) {
            assertEquals(1, m.logLines(DEGRADED), m + ":\n" + m.logTail(30));
            assertEquals(1, m.logLines(RECOVERED), m + " said once that it recovered:\n" + m.logTail(30));
        }
    }

    private void insertGoodKeys(int count) throws Exception {
        try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO rc_circuit_breakers (namespace, resource_key, state, version, changed_by)"
                        + " VALUES (?, ?, 'CLOSED', 1, 'elsewhere')")) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, fleet.namespace);
                insert.setString(2, "good-key-" + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
