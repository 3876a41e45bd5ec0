package org.resilientcircuit.cli;

import org.resilientcircuit.testing.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resilientcircuit.engine.Call;
import org.resilientcircuit.engine.CircuitBreaker;
import org.resilientcircuit.engine.CircuitBreakerSettings;
import org.resilientcircuit.engine.CircuitBreakerStep;
import org.resilientcircuit.engine.ExceptionFilter;
import org.resilientcircuit.engine.Ticker;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.BreakerState;
import org.resilientcircuit.store.postgres.PostgresSettings;
import org.resilientcircuit.store.postgres.PostgresStateStore;
import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * A change made with the command line reaches running instances as any transition does: through
 * the row trigger's NOTIFY. The instances here are real stores and breakers in this JVM; their
 * polling is slowed to a minute, so within the bounded waits only the notification can deliver.
 */
class CliReachesInstancesTest {

    private static final String KEY = "payment_service";
    private static TestDatabase db;

    @TempDir
    Path workDir;

    private final String namespace = "cli-" + UUID.randomUUID();
    private final List<PostgresStateStore> stores = new ArrayList<>();

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(CliReachesInstancesTest.class);
        db.applySchema();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @AfterEach
    void closeStores() {
        stores.forEach(PostgresStateStore::close);
    }

    /** One instance of a service: its own store (connections, LISTEN, instance id) and breaker for KEY. */
    private final class Instance {
        final CircuitBreaker breaker;
        final CircuitBreakerStep step;
        final AtomicInteger invocations = new AtomicInteger();
        final List<String> changes = new CopyOnWriteArrayList<>();

        Instance(String name) {
            PostgresSettings settings = new PostgresSettings(namespace, name, 500, 60_000, true, false, false, 100, 1,
                    60_000);
            PostgresStateStore store = new PostgresStateStore(db.dataSource(), settings, db.name());
            stores.add(store);
            breaker = new CircuitBreaker(KEY, new CircuitBreakerSettings(2, 0.5, 3_600_000, 1, ExceptionFilter.all(),
                    30_000), store, Ticker.SYSTEM,
                    (key, from, to) -> changes.add(from.phase() + "->" + to.phase() + " by " + to.owner()));
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

        String call() {
            try {
                return (String) step.invoke(new Call(() -> "ok"));
            } catch (CircuitBreakerOpenException rejected) {
                return "rejected";
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        BreakerState state() {
            return breaker.state();
        }
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl(), "--namespace", namespace));
        return CliRun.run("", Map.of(), workDir, all.toArray(String[]::new));
    }

    @Test
    void resetClosesTheBreakerOfEveryRunningInstance() {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        a.fail();
        a.fail();
        await(() -> b.state().phase() == BreakerPhase.OPEN && a.state().version() == 1, "both instances see OPEN");
        assertEquals("rejected", a.call());
        assertEquals("rejected", b.call());

        CliRun reset = cli("reset", KEY);

        assertEquals(Main.OK, reset.exit(), reset.printed());
        assertTrue(reset.out().contains("OPEN -> CLOSED, version 1 -> 2"), reset.printed());
        await(() -> a.state().phase() == BreakerPhase.CLOSED && b.state().phase() == BreakerPhase.CLOSED,
                "both instances adopt CLOSED");
        for (Instance instance : List.of(a, b)) {
            assertEquals(2, instance.state().version());
            assertEquals(ForceCommand.changedBy(), instance.state().owner());
            assertEquals("ok", instance.call());
            assertTrue(instance.changes.contains("OPEN->CLOSED by " + ForceCommand.changedBy()), instance.changes.toString());
        }
        assertEquals(1, b.invocations.get());
    }

    @Test
    void openMakesAClosedInstanceRejectForTheWholeDuration() {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        assertEquals("ok", a.call());
        assertEquals(BreakerPhase.CLOSED, b.state().phase());

        CliRun open = cli("open", KEY, "--for", "5m");

        assertEquals(Main.OK, open.exit(), open.printed());
        assertTrue(open.out().contains("CLOSED -> OPEN, version 0 -> 1"), open.printed());
        await(() -> a.state().phase() == BreakerPhase.OPEN && b.state().phase() == BreakerPhase.OPEN,
                "both instances adopt OPEN");
        for (Instance instance : List.of(a, b)) {
            int before = instance.invocations.get();
            assertEquals("rejected", instance.call());
            assertEquals(before, instance.invocations.get(), "a rejected call does not run");
            Duration remaining = instance.breaker.status().remaining();
            assertTrue(remaining.compareTo(Duration.ofMinutes(4)) > 0 && remaining.compareTo(Duration.ofMinutes(5)) <= 0,
                    remaining.toString());
        }

        CliRun reset = cli("reset", KEY);
        assertEquals(Main.OK, reset.exit(), reset.printed());
        await(() -> a.state().phase() == BreakerPhase.CLOSED && b.state().phase() == BreakerPhase.CLOSED,
                "both instances adopt CLOSED again");
        assertEquals("ok", b.call());
    }

    @Test
    void anInstanceGoesOnFromTheVersionTheCliWrote() {
        Instance a = new Instance("a");
        a.fail();
        a.fail();
        await(() -> cli("status", "--json").out().contains("\"state\": \"OPEN\", \"failure_count\": 2, \"version\": 1"),
                "the row is OPEN at version 1");
        CliRun reset = cli("reset", KEY);
        assertEquals(Main.OK, reset.exit(), reset.printed());
        await(() -> a.state().phase() == BreakerPhase.CLOSED, "a adopts CLOSED");

        a.fail();
        a.fail(); // the instance's own compare-and-set from the CLI's version 2
        await(() -> cli("status", "--json").out().contains("\"state\": \"OPEN\", \"failure_count\": 2, \"version\": 3"),
                "the row is OPEN at version 3, by the instance");
        assertEquals("a", a.state().owner());
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(condition, 10, what);
    }
}
