package org.resilientcircuit.store.postgres;

import org.resilientcircuit.testing.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.spi.BreakerPhase;

/**
 * The protocol between several store instances on one real database, in one JVM (the fleet tests
 * run the same with one JVM per instance): propagation, one prober, persistence, the shared window
 * and the quorum. Waits are bounded polls, never assertions on speed.
 */
class SharedStoreTest {

    private static TestDatabase db;
    private final List<PostgresStateStore> stores = new ArrayList<>();
    private final String namespace = "shared-" + UUID.randomUUID();
    private final String key = "payment_service";

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(SharedStoreTest.class);
        db.applySchema();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(PostgresStateStore::close);
    }

    /** One instance of the fleet, closed after the test. */
    private StoreInstance instance(String name, boolean sharedWindow, int quorum, int volume, long delayMillis) {
        StoreInstance instance = new StoreInstance(db, StoreInstance.settings(namespace, name, 200, sharedWindow, quorum),
                key, volume, delayMillis);
        stores.add(instance.store);
        return instance;
    }

    @Test
    void oneInstanceOpensTheBreakerAndTheOthersRejectWithoutCalling() {
        StoreInstance a = instance("a", false, 1, 2, 60_000);
        StoreInstance b = instance("b", false, 1, 2, 60_000);
        StoreInstance c = instance("c", false, 1, 2, 60_000);

        a.fail();
        a.fail();

        Await.until(() -> b.phase() == BreakerPhase.OPEN && c.phase() == BreakerPhase.OPEN, 5, "b and c see OPEN");
        assertEquals("rejected", b.call(0));
        assertEquals("rejected", c.call(0));
        assertEquals(0, b.invocations.get() + c.invocations.get());
        assertEquals("OPEN|1|a", row());
    }

    @Test
    void afterTheDelayExactlyOneInstanceProbes() throws Exception {
        List<StoreInstance> fleet = List.of(instance("a", false, 1, 2, 300), instance("b", false, 1, 2, 300),
                instance("c", false, 1, 2, 300));
        fleet.get(0).fail();
        fleet.get(0).fail();
        Await.until(() -> fleet.stream().allMatch(i -> i.phase() == BreakerPhase.OPEN), 5, "all see OPEN");
        Thread.sleep(400);
        int before = fleet.stream().mapToInt(i -> i.invocations.get()).sum();

        // Everyone calls at once; the probe is slow, so the half-open phase lasts while the others call.
        ExecutorService callers = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (StoreInstance instance : fleet) {
            results.add(callers.submit((Callable<String>) () -> {
                start.await();
                return instance.call(500);
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> result : results) {
            outcomes.add(result.get(10, TimeUnit.SECONDS));
        }
        callers.shutdown();

        assertEquals(1, outcomes.stream().filter("ok"::equals).count(), outcomes + " " + row() + " "
                + fleet.stream().map(i -> i.breaker.state().toString()).toList());
        assertEquals(before + 1, fleet.stream().mapToInt(i -> i.invocations.get()).sum());
        Await.until(() -> fleet.stream().allMatch(i -> i.phase() == BreakerPhase.CLOSED), 5, "all see CLOSED after the probe");
        assertTrue(row().startsWith("CLOSED|3|"), row());
    }

    @Test
    void aNewInstanceStartsInTheStoredState() {
        StoreInstance a = instance("a", false, 1, 2, 60_000);
        a.fail();
        a.fail();
        Await.until(() -> row().startsWith("OPEN"), 5, "the row is OPEN");

        StoreInstance late = instance("late", false, 1, 2, 60_000);
        assertEquals(BreakerPhase.OPEN, late.phase());
        assertEquals("rejected", late.call(0));
        assertEquals(0, late.invocations.get());
    }

    @Test
    void theSharedWindowOpensWhatNoLocalWindowWould() {
        List<StoreInstance> fleet = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fleet.add(instance("s" + i, true, 1, 10, 60_000));
        }
        for (StoreInstance instance : fleet) {
            instance.fail();
            instance.fail();
        }
        Await.until(() -> fleet.stream().allMatch(i -> i.phase() == BreakerPhase.OPEN), 5, "all five see OPEN");
        assertTrue(row().startsWith("OPEN|1|"), row());
    }

    @Test
    void localWindowsAloneDoNotOpenOnTheSameCalls() throws InterruptedException {
        List<StoreInstance> fleet = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fleet.add(instance("l" + i, false, 1, 10, 60_000));
        }
        for (StoreInstance instance : fleet) {
            instance.fail();
            instance.fail();
        }
        Thread.sleep(500); // longer than a flush and a poll: nothing is on its way
        assertTrue(fleet.stream().allMatch(i -> i.phase() == BreakerPhase.CLOSED));
        assertEquals("CLOSED|0|", row());
    }

    @Test
    void withAQuorumOfTwoOneInstanceOpensOnlyItself() {
        StoreInstance a = instance("a", false, 2, 2, 60_000);
        StoreInstance b = instance("b", false, 2, 2, 60_000);
        StoreInstance c = instance("c", false, 2, 2, 60_000);

        a.fail();
        a.fail();
        assertEquals("rejected", a.call(0));
        assertEquals("ok", c.call(0));
        assertEquals("CLOSED|0|", row());

        b.fail();
        b.fail();
        Await.until(() -> c.phase() == BreakerPhase.OPEN, 5, "c sees OPEN once two instances tripped");
        // whichever of the two votes reached the database second met the quorum and opened the row
        assertTrue(row().equals("OPEN|1|a") || row().equals("OPEN|1|b"), row());
    }

    /** state|version|changed_by of the key's row. */
    private String row() {
        try (var connection = db.connect();
                var select = connection.prepareStatement(
                        "SELECT state, version, changed_by FROM rc_circuit_breakers WHERE namespace = ? AND resource_key = ?")) {
            select.setString(1, namespace);
            select.setString(2, key);
            try (var rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) + "|" + rows.getLong(2) + "|" + rows.getString(3) : "none";
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

}
