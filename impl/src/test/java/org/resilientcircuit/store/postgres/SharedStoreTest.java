package org.resilientcircuit.store.postgres;

import org.resilientcircuit.testing.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.engine.BreakerObserver;
import org.resilientcircuit.engine.Call;
import org.resilientcircuit.engine.CircuitBreaker;
import org.resilientcircuit.engine.CircuitBreakerSettings;
import org.resilientcircuit.engine.CircuitBreakerStep;
import org.resilientcircuit.engine.ExceptionFilter;
import org.resilientcircuit.engine.Ticker;
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

    /** One instance: its own store (own connections, own id) and its breaker for the key. */
    private final class Instance {
        final PostgresStateStore store;
        final CircuitBreaker breaker;
        final CircuitBreakerStep step;
        final AtomicInteger invocations = new AtomicInteger();

        Instance(String name, boolean sharedWindow, int quorum, int volume, long delayMillis) {
            PostgresSettings base = PostgresSettings.of(namespace, name);
            PostgresSettings settings = new PostgresSettings(namespace, name, 500, 200, true, false, sharedWindow, 20,
                    quorum, 60_000);
            store = new PostgresStateStore(db.dataSource(), settings, db.name());
            stores.add(store);
            breaker = new CircuitBreaker(key, new CircuitBreakerSettings(volume, 0.5, delayMillis, 1, ExceptionFilter.all(),
                    base.storeTimeoutMillis() * 60), store, Ticker.SYSTEM, BreakerObserver.NONE);
            step = new CircuitBreakerStep(breaker, call -> {
                invocations.incrementAndGet();
                return call.proceed();
            });
        }

        void fail() {
            assertThrows(IllegalStateException.class, () -> step.invoke(new Call(() -> {
                throw new IllegalStateException("dependency down");
            })));
        }

        String call(long millis) {
            try {
                return (String) step.invoke(new Call(() -> {
                    Thread.sleep(millis);
                    return "ok";
                }));
            } catch (CircuitBreakerOpenException rejected) {
                return "rejected";
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        BreakerPhase phase() {
            return breaker.state().phase();
        }
    }

    @Test
    void oneInstanceOpensTheBreakerAndTheOthersRejectWithoutCalling() {
        Instance a = new Instance("a", false, 1, 2, 60_000);
        Instance b = new Instance("b", false, 1, 2, 60_000);
        Instance c = new Instance("c", false, 1, 2, 60_000);

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
        List<Instance> fleet = List.of(new Instance("a", false, 1, 2, 300), new Instance("b", false, 1, 2, 300),
                new Instance("c", false, 1, 2, 300));
        fleet.get(0).fail();
        fleet.get(0).fail();
        Await.until(() -> fleet.stream().allMatch(i -> i.phase() == BreakerPhase.OPEN), 5, "all see OPEN");
        Thread.sleep(400);
        int before = fleet.stream().mapToInt(i -> i.invocations.get()).sum();

        // Everyone calls at once; the probe is slow, so the half-open phase lasts while the others call.
        ExecutorService callers = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (Instance instance : fleet) {
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
        Instance a = new Instance("a", false, 1, 2, 60_000);
        a.fail();
        a.fail();
        Await.until(() -> row().startsWith("OPEN"), 5, "the row is OPEN");

        Instance late = new Instance("late", false, 1, 2, 60_000);
        assertEquals(BreakerPhase.OPEN, late.phase());
        assertEquals("rejected", late.call(0));
        assertEquals(0, late.invocations.get());
    }

    @Test
    void theSharedWindowOpensWhatNoLocalWindowWould() {
        List<Instance> fleet = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fleet.add(new Instance("s" + i, true, 1, 10, 60_000));
        }
        for (Instance instance : fleet) {
            instance.fail();
            instance.fail();
        }
        Await.until(() -> fleet.stream().allMatch(i -> i.phase() == BreakerPhase.OPEN), 5, "all five see OPEN");
        assertTrue(row().startsWith("OPEN|1|"), row());
    }

    @Test
    void localWindowsAloneDoNotOpenOnTheSameCalls() throws InterruptedException {
        List<Instance> fleet = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fleet.add(new Instance("l" + i, false, 1, 10, 60_000));
        }
        for (Instance instance : fleet) {
            instance.fail();
            instance.fail();
        }
        Thread.sleep(500); // longer than a flush and a poll: nothing is on its way
        assertTrue(fleet.stream().allMatch(i -> i.phase() == BreakerPhase.CLOSED));
        assertEquals("CLOSED|0|", row());
    }

    @Test
    void withAQuorumOfTwoOneInstanceOpensOnlyItself() {
        Instance a = new Instance("a", false, 2, 2, 60_000);
        Instance b = new Instance("b", false, 2, 2, 60_000);
        Instance c = new Instance("c", false, 2, 2, 60_000);

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
