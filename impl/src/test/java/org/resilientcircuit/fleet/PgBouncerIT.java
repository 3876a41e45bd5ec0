package org.resilientcircuit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.store.postgres.Schema;
import org.resilientcircuit.testing.PgBouncer;
import org.resilientcircuit.testing.PostgresCluster;

/**
 * Members that reach their database through PgBouncer in transaction mode (a cluster and a pooler
 * of this test's own): polling works under load without a warning, and notifications, which such a
 * pooler never delivers, are found missing once, shown in the store's status, and replaced by polling.
 */
class PgBouncerIT {

    private static final Duration LOAD = Duration.ofSeconds(30);
    private static PostgresCluster cluster;
    private static PgBouncer bouncer;
    private Fleet fleet;

    @BeforeAll
    static void startPooler() throws Exception {
        cluster = PostgresCluster.named("pooled").start();
        cluster.sql("postgres", "CREATE DATABASE rc");
        try (Connection direct = DriverManager.getConnection(cluster.jdbcUrl("rc") + "?user=postgres")) {
            Schema.apply(direct);
        }
        bouncer = PgBouncer.transactionMode(cluster, "rc");
    }

    @AfterAll
    static void stopPooler() {
        if (bouncer != null) {
            bouncer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void pollingThroughATransactionPoolerWorksUnderLoadWithoutAWarning() {
        fleet = new Fleet("bouncer-poll", Map.of("RC_DB_URL", bouncer.jdbcUrl("rc")));
        List<Member> members = fleet.start(500, Map.of("rc.propagation", "poll", "rc.poll.interval", "200",
                "rc.schema.create", "false"), "A", "B");
        Member a = members.get(0);
        Member b = members.get(1);
        List<Long> followMillis = new ArrayList<>();
        long end = System.nanoTime() + LOAD.toNanos();
        while (System.nanoTime() < end) {
            assertTrue(a.ask("trip").startsWith("TRIPPED"));
            long tripped = System.nanoTime();
            b.awaitPhase(BreakerPhase.OPEN, Duration.ofSeconds(5));
            followMillis.add((System.nanoTime() - tripped) / 1_000_000);
            assertTrue(b.ask("burst 200").startsWith("BURST 0 200 0"), "B rejects while open");
            Member.sleep(600);
            assertEquals("SUCCESS", a.call("ok"), "A probes and closes");
            b.awaitPhase(BreakerPhase.CLOSED, Duration.ofSeconds(5));
            assertTrue(b.ask("burst 200").startsWith("BURST 200 0 0"), "B calls while closed");
        }
        System.out.println("[pgbouncer] poll mode, 200 ms interval: " + followMillis.size()
                + " openings followed by B in (ms) " + followMillis);
        assertTrue(followMillis.size() >= 5, "load for " + LOAD.toSeconds() + " s: " + followMillis.size() + " rounds");
        for (Member m : members) {
            assertEquals(0, m.logLines("WARNING"), m + " warned:\n" + m.logTail(30));
            assertEquals(0, m.logLines("SEVERE"), m + ":\n" + m.logTail(30));
            assertTrue(!m.storeDegraded(), m + " is healthy");
        }
    }

    @Test
    void notificationsThatNeverArriveAreSaidOnceAndPollingCarriesTheChanges() {
        fleet = new Fleet("bouncer-notify", Map.of("RC_DB_URL", bouncer.jdbcUrl("rc")));
        List<Member> members = fleet.start(60_000, Map.of("rc.propagation", "notify", "rc.poll.interval", "300",
                "rc.schema.create", "false"), "A", "B");
        for (Member m : members) {
            m.await("reporting that notifications do not arrive", () -> m.storeNotices() == 1, Duration.ofSeconds(15));
        }
        Member a = members.get(0);
        Member b = members.get(1);
        assertTrue(a.ask("trip").startsWith("TRIPPED"));
        b.awaitPhase(BreakerPhase.OPEN, Duration.ofSeconds(5));
        for (Member m : members) {
            assertEquals(1, m.logLines("notifications do not arrive"), m + " said it once:\n" + m.logTail(30));
            assertEquals(1, m.logLines("rc.propagation=poll"), m + " named the setting:\n" + m.logTail(30));
            assertTrue(!m.storeDegraded(), m + " is not degraded: polling works");
        }
    }
}
