package org.resilientcircuit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.resilientcircuit.fleet.History.Change;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * Three member processes (three JVMs, three Weld containers) sharing one breaker through one
 * PostgreSQL database: the cluster guarantees of design/cluster-semantics.md, observed from outside
 * (what each member answers, how often its method really ran, what the table announced).
 */
class FleetIT {

    /** How long a change made by one member may take to show on another before the test fails. */
    private static final Duration PROPAGATION = Duration.ofSeconds(5);

    private static TestDatabase db;
    private Fleet fleet;
    private History history;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(FleetIT.class);
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    private void newFleet(TestInfo test) throws SQLException {
        fleet = new Fleet(db, test.getTestMethod().orElseThrow().getName().substring(0, 12));
        history = new History(db, fleet.namespace);
    }

    @AfterEach
    void stopFleet() throws SQLException {
        if (fleet != null) {
            fleet.close();
        }
        if (history != null) {
            history.close();
        }
    }

    /**
     * (a) one member's failures open the breaker for all: the others reject without running the method;
     * (b) when the delay is over exactly one member probes (a slow probe keeps the half-open phase open
     * while all three call), and its success closes the breaker everywhere;
     * (e) the announced history has one version per transition, no gaps, each made by a member.
     */
    @Test
    void oneMembersFailuresOpenTheBreakerForAllAndExactlyOneMemberProbes(TestInfo test) throws Exception {
        newFleet(test);
        long delay = 1500;
        List<Member> members = fleet.start(delay, "A", "B", "C");
        Member a = members.get(0);
        Member b = members.get(1);
        Member c = members.get(2);

        // (a) A's failures open the breaker; B and C reject without invoking the method.
        String tripped = a.ask("trip");
        assertTrue(tripped.startsWith("TRIPPED"), tripped);
        assertEquals(BreakerPhase.OPEN, a.phase());
        b.awaitPhase(BreakerPhase.OPEN, PROPAGATION);
        c.awaitPhase(BreakerPhase.OPEN, PROPAGATION);
        assertEquals("REJECTED", b.call("ok"), "B after A opened the breaker");
        assertEquals("REJECTED", c.call("ok"), "C after A opened the breaker");
        assertEquals(0, b.count(), "B's method must not run while the breaker is open");
        assertEquals(0, c.count(), "C's method must not run while the breaker is open");
        Fleet.Row open = fleet.row();
        assertEquals("OPEN", open.state());
        assertEquals("A", open.changedBy());

        // (b) After the delay (by the database clock) all three call at once; the probe takes 1 s.
        Member.sleep(fleet.row().remainingMillis() + 250);
        Map<Member, Integer> before = counts(members);
        List<Member> order = new ArrayList<>(members);
        Collections.shuffle(order);
        long sent = System.nanoTime();
        for (Member m : order) {
            m.send("call slow-ok 1000");
        }
        Map<Member, String> outcomes = new HashMap<>();
        Map<Member, Long> answeredAfterMillis = new HashMap<>();
        for (Member m : members) {
            outcomes.put(m, m.expect(Member.ANSWER_TIMEOUT));
            answeredAfterMillis.put(m, (m.lastArrivalNanos() - sent) / 1_000_000);
        }
        List<Member> probers = members.stream().filter(m -> outcomes.get(m).equals("SUCCESS")).toList();
        System.out.println("[fleet] after the delay, calls sent in order " + order + ": outcomes " + outcomes
                + ", answered after ms " + answeredAfterMillis);
        assertEquals(1, probers.size(), "exactly one member probes; outcomes " + outcomes + ", answered after ms "
                + answeredAfterMillis);
        Member prober = probers.get(0);
        for (Member m : members) {
            if (m != prober) {
                assertEquals("REJECTED", outcomes.get(m), m + " while " + prober + " probes");
                assertTrue(answeredAfterMillis.get(m) < 1000, m + " was rejected after " + answeredAfterMillis.get(m)
                        + " ms, not while the 1 s probe ran");
            }
        }
        Map<Member, Integer> after = counts(members);
        for (Member m : members) {
            assertEquals(before.get(m) + (m == prober ? 1 : 0), after.get(m),
                    "invocations of " + m + " during the half-open phase (prober " + prober + ")");
        }

        // ... and the breaker closes for all: everyone sees CLOSED and succeeds.
        for (Member m : members) {
            m.awaitPhase(BreakerPhase.CLOSED, PROPAGATION);
        }
        for (Member m : members) {
            assertEquals("SUCCESS", m.call("ok"), m + " after the probe closed the breaker");
            assertEquals(after.get(m) + 1, m.count());
        }

        // (e) History: insert at version 0, then one version per transition, each by the member that made it.
        Fleet.Row closed = fleet.row();
        assertEquals("CLOSED", closed.state());
        List<Change> changes = history.changes(300);
        System.out.println("[fleet] history of " + fleet.namespace + ": " + changes);
        assertEquals(List.of(new Change(0, "CLOSED", ""), new Change(1, "OPEN", "A"),
                new Change(2, "HALF_OPEN", prober.name), new Change(3, "CLOSED", prober.name)), changes);
        assertEquals(3, closed.version(), "three transitions: OPEN, HALF_OPEN, CLOSED");
        assertEquals(prober.name, closed.changedBy());
        assertNoGaps(changes, Set.of("A", "B", "C"));
    }

    /**
     * (c) The prober dies mid-probe: its lease (rc.probe.lease, 5 s here)
     * holds the others off until it ends; then another member takes the probe over and closes the breaker.
     */
    @Test
    void aKilledProbersLeaseExpiresAndAnotherMemberProbes(TestInfo test) throws Exception {
        newFleet(test);
        List<Member> members = fleet.start(500, "A", "B", "C");
        Member a = members.get(0);
        Member b = members.get(1);
        Member c = members.get(2);

        assertTrue(a.ask("trip").startsWith("TRIPPED"));
        b.awaitPhase(BreakerPhase.OPEN, PROPAGATION);
        c.awaitPhase(BreakerPhase.OPEN, PROPAGATION);
        Member.sleep(fleet.row().remainingMillis() + 200);

        a.send("call slow-ok 600000"); // A probes and never finishes
        awaitRow("HALF_OPEN", "A");
        b.awaitPhase(BreakerPhase.HALF_OPEN, PROPAGATION);
        c.awaitPhase(BreakerPhase.HALF_OPEN, PROPAGATION);
        a.kill();
        long killedAt = System.nanoTime();

        assertEquals("REJECTED", b.call("ok"), "B while dead A holds the lease");
        assertEquals("REJECTED", c.call("ok"), "C while dead A holds the lease");
        long leaseLeft = fleet.row().remainingMillis();
        System.out.println("[fleet] A killed while probing; lease left " + leaseLeft + " ms");
        assertTrue(leaseLeft > 2_000, "lease left " + leaseLeft + " ms");
        Member.sleep(leaseLeft - 1_000);
        assertEquals("REJECTED", b.call("ok"), "B one second before the lease ends");
        assertEquals(0, b.count());
        assertEquals(0, c.count());
        Member.sleep(fleet.row().remainingMillis() + 300);

        assertEquals("SUCCESS", b.call("ok"), "B once the dead prober's lease expired");
        assertEquals(1, b.count(), "B probed");
        System.out.println("[fleet] B took over the probe " + (System.nanoTime() - killedAt) / 1_000_000
                + " ms after A was killed");
        c.awaitPhase(BreakerPhase.CLOSED, PROPAGATION);
        assertEquals("SUCCESS", c.call("ok"));
        assertEquals(1, c.count());

        Fleet.Row row = fleet.row();
        assertEquals("CLOSED", row.state());
        assertEquals("B", row.changedBy());
        List<Change> changes = history.changes(300);
        System.out.println("[fleet] history of " + fleet.namespace + ": " + changes);
        assertEquals(List.of(new Change(0, "CLOSED", ""), new Change(1, "OPEN", "A"), new Change(2, "HALF_OPEN", "A"),
                new Change(3, "HALF_OPEN", "B"), new Change(4, "CLOSED", "B")), changes);
        assertEquals(4, row.version());
        assertNoGaps(changes, Set.of("A", "B", "C"));
    }

    /** (d) A member that starts while the breaker is open rejects its very first call. */
    @Test
    void aRestartedMemberStartsInTheStoredState(TestInfo test) throws Exception {
        newFleet(test);
        List<Member> members = fleet.start(60_000, "A", "B", "C");
        Member a = members.get(0);
        Member b = members.get(1);
        Member c = members.get(2);

        assertTrue(a.ask("trip").startsWith("TRIPPED"));
        b.awaitPhase(BreakerPhase.OPEN, PROPAGATION);
        c.awaitPhase(BreakerPhase.OPEN, PROPAGATION);
        c.kill();

        Member restarted = fleet.launch("C-restarted", 60_000, Map.of());
        restarted.awaitReady(Fleet.START_TIMEOUT);
        assertEquals("REJECTED", restarted.call("ok"), "the first call of a member started while the breaker is open");
        assertEquals(0, restarted.count());
        String[] view = restarted.state();
        assertEquals("OPEN", view[0]);
        assertEquals("1", view[1]);
        assertEquals("A", view[2]);
        assertEquals("REJECTED", b.call("ok"));

        Fleet.Row row = fleet.row();
        assertEquals("OPEN", row.state());
        assertEquals(1, row.version(), "starting a member is no transition");
        assertTrue(row.remainingMillis() > 50_000, "still open for " + row.remainingMillis() + " ms");
        List<Change> changes = history.changes(200);
        assertEquals(List.of(new Change(0, "CLOSED", ""), new Change(1, "OPEN", "A")), changes);
    }

    /**
     * The design note's shared-window case: five members each see 2 failing calls of a breaker whose
     * requestVolumeThreshold is 10. No member's own window could open it (each holds 2 outcomes); the
     * fleet's window (rc.window=shared) holds 10 and does.
     */
    @Test
    void theSharedWindowOpensWhatNoMemberAloneWould(TestInfo test) throws Exception {
        newFleet(test);
        Map<String, String> shared = Map.of("rc.window", "shared",
                GuardedService.class.getName() + "/call/CircuitBreaker/requestVolumeThreshold", "10");
        List<Member> members = new java.util.ArrayList<>();
        for (String name : List.of("A", "B", "C", "D", "E")) {
            members.add(fleet.launch(name, 60_000, shared));
        }
        members.forEach(m -> m.awaitReady(Fleet.START_TIMEOUT));

        for (Member member : members) {
            assertEquals("FAILED", member.call("fail"));
            assertEquals("FAILED", member.call("fail"));
        }
        for (Member member : members) {
            member.awaitPhase(BreakerPhase.OPEN, PROPAGATION);
            assertEquals(2, member.count(), "each member ran the method exactly twice");
            assertEquals("REJECTED", member.call("ok"));
        }
        Fleet.Row row = fleet.row();
        assertEquals("OPEN", row.state());
        assertEquals(1, row.version());
    }

    private void awaitRow(String state, String changedBy) {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        Fleet.Row row;
        do {
            row = fleet.row();
            if (row != null && row.state().equals(state) && row.changedBy().equals(changedBy)) {
                return;
            }
            Member.sleep(10);
        } while (System.nanoTime() - deadline < 0);
        throw new AssertionError("row is " + row + ", expected " + state + " by " + changedBy);
    }

    private static Map<Member, Integer> counts(List<Member> members) {
        Map<Member, Integer> counts = new HashMap<>();
        members.forEach(m -> counts.put(m, m.count()));
        return counts;
    }

    /** Versions 0, 1, 2, ... in order, and every transition (after the insert) made by a member. */
    private static void assertNoGaps(List<Change> changes, Set<String> memberNames) {
        assertNotNull(changes);
        List<Long> versions = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            versions.add(changes.get(i).version());
        }
        for (int i = 0; i < changes.size(); i++) {
            assertEquals(i, changes.get(i).version(), "versions announced: " + versions);
            if (i > 0) {
                assertTrue(memberNames.contains(changes.get(i).changedBy()),
                        "changed_by " + changes.get(i).changedBy() + " is not one of " + memberNames);
            }
        }
        assertEquals(changes.size(), changes.stream().map(Change::version).collect(Collectors.toSet()).size());
    }
}
