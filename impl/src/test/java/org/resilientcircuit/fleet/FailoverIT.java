package org.resilientcircuit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.resilientcircuit.testing.Await;
import org.resilientcircuit.testing.PostgresCluster;

/**
 * A primary and its streaming replica (clusters of the test's own), two member JVMs configured only
 * through {@code RC_DB_URL} with both hosts and {@code targetServerType=primary}. The primary is
 * killed ({@code pg_ctl stop -m immediate}), the replica promoted; then a breaker opened on member A
 * reaches member B by notification and its row is in the new primary. Prints how long each step
 * took. {@code -Dfailover.url.parameters=&hostRecheckSeconds=1} adds driver parameters to the URL.
 */
class FailoverIT {

    private static final String EXTRA = System.getProperty("failover.url.parameters", "");

    @Test
    void afterThePrimaryDiesTheFleetFollowsThePromotedReplica() throws Exception {
        try (PostgresCluster primary = PostgresCluster.named("primary").start()) {
            primary.sql("postgres", "CREATE DATABASE rc");
            try (PostgresCluster replica = PostgresCluster.named("replica").replicaOf(primary).start();
                    Fleet fleet = new Fleet("failover", Map.of("RC_DB_URL", "jdbc:postgresql://127.0.0.1:" + primary.port()
                            + ",127.0.0.1:" + replica.port() + "/rc?targetServerType=primary&user=postgres" + EXTRA))) {
                List<Member> members = fleet.start(60_000, "A", "B");
                Member a = members.get(0);
                Member b = members.get(1);
                Await.until(() -> feeds(primary) == 2 && !a.storeDegraded() && !b.storeDegraded(), 30,
                        "both members listen on the primary");

                long kill = System.nanoTime();
                primary.stop("immediate");
                Await.until(() -> a.storeDegraded() && b.storeDegraded(), 30, "both members notice the primary is gone");
                long noticed = System.nanoTime();
                replica.promote();
                long promoted = System.nanoTime();
                Await.until(() -> !a.storeDegraded() && !b.storeDegraded(), 60, "both stores write to the new primary");
                long writing = System.nanoTime();
                Await.until(() -> feeds(replica) == 2, 60, "both feeds listen on the new primary");
                long listening = System.nanoTime();
                Member.sleep(100); // the feed's LISTEN follows the session settings that made it visible

                long trippedMicros;
                long rowMicros;
                try (Connection newPrimary = DriverManager.getConnection(replica.jdbcUrl("rc") + "?user=postgres")) {
                    b.send("watch OPEN 30000");
                    assertEquals("WATCHING", b.expect(Member.ANSWER_TIMEOUT));
                    a.send("trip");
                    rowMicros = awaitOpenRow(newPrimary, fleet.namespace);
                    trippedMicros = Long.parseLong(a.expect(Member.ANSWER_TIMEOUT).split(" ")[1]);
                }
                String observed = b.expect(Duration.ofSeconds(35));
                assertTrue(observed.startsWith("OBSERVED"), "member B: " + observed);
                long observedMicros = Long.parseLong(observed.split(" ")[1]);

                System.out.printf("[failover] URL parameters: targetServerType=primary%s%n"
                        + "[failover] kill -> both members degraded:        %5d ms%n"
                        + "[failover] pg_ctl promote -w:                     %5d ms%n"
                        + "[failover] promoted -> both stores healthy:       %5d ms (writes follow; %d ms after the kill)%n"
                        + "[failover] promoted -> both feeds on new primary: %5d ms%n"
                        + "[failover] A trips -> row OPEN in new primary:    %5d ms%n"
                        + "[failover] row written -> B rejects (notified):   %5d ms (A's trip -> B: %d ms)%n",
                        EXTRA, millis(noticed - kill), millis(promoted - noticed), millis(writing - promoted),
                        millis(writing - kill), millis(listening - promoted), (rowMicros - trippedMicros) / 1000,
                        (observedMicros - rowMicros) / 1000, (observedMicros - trippedMicros) / 1000);
                assertEquals("A", replica.sql("rc", "SELECT changed_by FROM rc_circuit_breakers WHERE namespace = '"
                        + fleet.namespace + "' AND state = 'OPEN'"));
            }
        }
    }

    /** Sessions of the store's change feed (its application_name) on {@code cluster}. */
    private static int feeds(PostgresCluster cluster) {
        try {
            return Integer.parseInt(cluster.sql("rc", "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE application_name = 'resilient-circuit feed'"));
        } catch (AssertionError notUp) {
            return -1;
        }
    }

    /** Polls the new primary (over a connection opened beforehand) for the OPEN row; returns when it appeared (epoch µs). */
    private static long awaitOpenRow(Connection c, String namespace) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (PreparedStatement select = c.prepareStatement(
                        "SELECT 1 FROM rc_circuit_breakers WHERE namespace = ? AND state = 'OPEN'")) {
            select.setString(1, namespace);
            while (System.nanoTime() < deadline) {
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        return FleetMember.epochMicros();
                    }
                }
                Member.sleep(1);
            }
        }
        throw new AssertionError("no OPEN row in the new primary within 30 s");
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
