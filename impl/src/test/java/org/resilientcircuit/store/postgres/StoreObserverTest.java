package org.resilientcircuit.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.BreakerState;
import org.resilientcircuit.spi.StateListener;
import org.resilientcircuit.spi.StoreObserver;
import org.resilientcircuit.testing.Await;
import org.resilientcircuit.testing.TcpProxy;

/**
 * What a store tells its observer, on a real database: the counts behind the store metrics must
 * be what the database did, so each event is provoked for real (a won and a lost compare-and-set,
 * a change announced by another instance, an operator's UPDATE, a database cut off by a TCP proxy).
 */
class StoreObserverTest {

    private static TestDatabase db;
    private final List<PostgresStateStore> stores = new ArrayList<>();
    private final String namespace = "observed-" + UUID.randomUUID();
    private final String key = "inventory";

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(StoreObserverTest.class);
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

    /** Records every event; thread-safe because the store reports from its own threads. */
    private static final class Recorder implements StoreObserver {
        final AtomicInteger written = new AtomicInteger();
        final AtomicInteger lost = new AtomicInteger();
        final AtomicInteger roundTrips = new AtomicInteger();
        final Queue<Long> received = new ConcurrentLinkedQueue<>();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();

        @Override
        public void transitionWritten(String key) {
            written.incrementAndGet();
        }

        @Override
        public void transitionLost(String key) {
            lost.incrementAndGet();
        }

        @Override
        public void changeReceived(String key, long delayMillis) {
            received.add(delayMillis);
        }

        @Override
        public void roundTrip(long nanos) {
            assertTrue(nanos >= 0, "a round trip takes no negative time");
            roundTrips.incrementAndGet();
        }

        @Override
        public void failed(String problem) {
            failures.add(problem);
        }
    }

    private static final StateListener IGNORE = new StateListener() {
        @Override
        public void stateChanged(BreakerState state) {
        }

        @Override
        public void stateReplaced(BreakerState state) {
        }
    };

    private PostgresStateStore store(String instance, javax.sql.DataSource dataSource, Recorder recorder) {
        PostgresSettings settings = new PostgresSettings(namespace, instance, 500, 200, true, false, false, 100, 1,
                60_000);
        PostgresStateStore store = new PostgresStateStore(dataSource, settings, db.name());
        store.observe(recorder);
        stores.add(store);
        return store;
    }

    private static BreakerState open(long version, String owner) {
        return new BreakerState(BreakerPhase.OPEN, version, 60_000, 2, owner);
    }

    private static BreakerState answer(PostgresStateStore store, BreakerState expected, BreakerState proposed)
            throws Exception {
        return store.transition("inventory", expected, proposed).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void wonAndLostCompareAndSetAreCountedAsWrittenAndLost() throws Exception {
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        PostgresStateStore a = store("a", db.dataSource(), ra);
        PostgresStateStore b = store("b", db.dataSource(), rb);
        BreakerState initial = a.attach(key, IGNORE);
        assertEquals(initial, b.attach(key, IGNORE));

        assertNotNull(answer(a, initial, open(initial.version() + 1, "a")));
        // b still believes the row is at the initial version: its compare-and-set finds the row moved
        BreakerState winner = answer(b, initial, open(initial.version() + 1, "b"));

        assertEquals("a", winner.owner());
        assertEquals(1, ra.written.get());
        assertEquals(0, ra.lost.get());
        assertEquals(0, rb.written.get());
        assertEquals(1, rb.lost.get());
        assertTrue(ra.roundTrips.get() >= 2, "attach and transition reached the database");
    }

    @Test
    void aChangeAnnouncedByAnotherInstanceArrivesWithItsDelay() throws Exception {
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        PostgresStateStore a = store("a", db.dataSource(), ra);
        PostgresStateStore b = store("b", db.dataSource(), rb);
        BreakerState initial = a.attach(key, IGNORE);
        b.attach(key, IGNORE);

        answer(a, initial, open(initial.version() + 1, "a"));

        Await.until(() -> !rb.received.isEmpty(), 5, "b receives a's opening");
        long delay = rb.received.peek();
        assertTrue(delay >= 0 && delay < 5_000, "a notification carries a measurable delay, was " + delay);
        assertTrue(ra.received.isEmpty(), "an instance's own change is not counted as received: " + ra.received);
    }

    @Test
    void anOperatorsUpdateArrivesToo() throws Exception {
        Recorder ra = new Recorder();
        PostgresStateStore a = store("a", db.dataSource(), ra);
        a.attach(key, IGNORE);

        db.execute("UPDATE rc_circuit_breakers SET state = 'OPEN', version = version + 1, changed_by = 'operator@psql',"
                + " open_until = now() + interval '1 minute' WHERE namespace = '" + namespace + "'");

        Await.until(() -> !ra.received.isEmpty(), 5, "a receives the operator's change");
        assertTrue(ra.received.peek() >= 0, "an announced change has a delay");
    }

    @Test
    void anUnreachableDatabaseIsReportedAsAFailureAndClearedAfterRecovery() throws Exception {
        Recorder recorder = new Recorder();
        Properties server = Driver.parseURL(db.jdbcUrl(), null);
        try (TcpProxy proxy = new TcpProxy(server.getProperty("PGHOST"), Integer.parseInt(server.getProperty("PGPORT")))) {
            PGSimpleDataSource throughProxy = new PGSimpleDataSource();
            throughProxy.setURL(db.jdbcUrl());
            throughProxy.setServerNames(new String[] {"127.0.0.1"});
            throughProxy.setPortNumbers(new int[] {proxy.port()});
            outageAndRecovery(store("a", throughProxy, recorder), proxy, recorder);
        }
    }

    private void outageAndRecovery(PostgresStateStore a, TcpProxy proxy, Recorder recorder) throws Exception {
        BreakerState initial = a.attach(key, IGNORE);

        proxy.cut();
        assertNull(answer(a, initial, open(initial.version() + 1, "a")), "no answer while the database is away");
        Await.until(() -> !recorder.failures.isEmpty(), 5, "the failure is reported");
        assertTrue(a.status().degraded());
        assertFalse(a.status().problem().isEmpty(), "a degraded store names its problem");

        proxy.restore();
        Await.until(() -> !a.status().degraded(), 10, "the store recovers");
        assertEquals("", a.status().problem(), "a recovered store no longer reports the old problem");
        Await.until(() -> recorder.written.get() == 1, 5, "the pending transition is written on recovery");
    }
}
