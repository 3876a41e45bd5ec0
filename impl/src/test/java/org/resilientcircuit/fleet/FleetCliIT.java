package org.resilientcircuit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * The operator's commands against a running fleet, each side its own process: three member JVMs
 * guard one breaker, and the cli jar runs as {@code java -jar} beside them. A command writes the
 * row; every member learns of it as of any transition and acts on it.
 */
class FleetCliIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(5);
    private static final long ONE_HOUR = 3_600_000;

    private static TestDatabase db;
    private Fleet fleet;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(FleetCliIT.class);
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
    void resetClosesTheBreakerOnEveryMemberAndOpenMakesEveryMemberReject() throws Exception {
        fleet = new Fleet(db, "cli");
        List<Member> members = fleet.start(ONE_HOUR, "A", "B", "C");
        Member a = members.get(0);
        assertTrue(a.ask("trip").startsWith("TRIPPED"));
        for (Member m : members) {
            m.awaitPhase(BreakerPhase.OPEN, PROPAGATION);
        }

        String status = cli("status", "--json");
        assertTrue(status.contains("\"state\": \"OPEN\""), status);
        assertTrue(status.contains("\"changed_by\": \"A\""), status);

        String reset = cli("reset", FleetMember.KEY);
        assertTrue(reset.contains("OPEN -> CLOSED"), reset);
        for (Member m : members) {
            m.awaitPhase(BreakerPhase.CLOSED, PROPAGATION);
            int before = m.count();
            assertEquals("SUCCESS", m.call("ok"), m + " after the reset, an hour before its delay would end");
            assertEquals(before + 1, m.count(), m + " ran the method");
        }

        String open = cli("open", FleetMember.KEY, "--for", "5m");
        assertTrue(open.contains("CLOSED -> OPEN"), open);
        for (Member m : members) {
            m.awaitPhase(BreakerPhase.OPEN, PROPAGATION);
            int before = m.count();
            assertEquals("REJECTED", m.call("ok"), m + " after the operator opened the breaker");
            assertEquals(before, m.count(), m + " did not run the method");
        }
        Fleet.Row row = fleet.row();
        assertEquals("OPEN", row.state());
        assertTrue(row.changedBy().startsWith("cli@"), row.toString());
        assertTrue(row.remainingMillis() > 240_000 && row.remainingMillis() <= 300_000, row.toString());
    }

    /** Runs the cli jar on this fleet's database and namespace. */
    private String cli(String... args) {
        List<String> withNamespace = new ArrayList<>(List.of(args));
        withNamespace.addAll(List.of("--namespace", fleet.namespace));
        return fleet.cli(withNamespace.toArray(String[]::new));
    }
}
