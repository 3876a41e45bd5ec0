package org.resilientcircuit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.api.BreakerStatus;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.cdi.FaultToleranceExtension;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.store.postgres.TestDatabase;
import org.resilientcircuit.testing.TcpProxy;

/**
 * The database is a dependency, not a single point of failure (guarantee 7): one Weld SE container,
 * in this JVM, reaches PostgreSQL through a {@link TcpProxy} that the test cuts and restores while
 * threads drive guarded calls. The shared PostgreSQL server itself is never stopped.
 */
class StoreOutageIT {

    private static final long STORE_TIMEOUT_MILLIS = 200;
    /** The store bound plus a generous margin for a loaded 2-core machine. */
    private static final long CALL_BOUND_MILLIS = STORE_TIMEOUT_MILLIS + 300;

    private static TestDatabase db;
    private TcpProxy proxy;
    private WeldContainer container;
    private FaultToleranceExtension extension;
    private final List<String> properties = new ArrayList<>();
    private String namespace;
    private String instance;

    /** One INFO line per transition is too much under load; kept referenced so the setting sticks. */
    private static final java.util.logging.Logger TRANSITION_LOG = java.util.logging.Logger
            .getLogger("org.resilientcircuit.cdi.BreakerEvents");

    @BeforeAll
    static void createDatabase() {
        TRANSITION_LOG.setLevel(java.util.logging.Level.WARNING);
        db = TestDatabase.create(StoreOutageIT.class);
        db.applySchema();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    /** Starts the container with its store behind a fresh proxy; the breaker delay as given. */
    private void boot(String label, long delayMillis) throws Exception {
        Map<String, String> rc = Fleet.coordinates(db.jdbcUrl());
        proxy = new TcpProxy(rc.get("rc.db.host"), Integer.parseInt(rc.get("rc.db.port")));
        namespace = "outage-" + label + "-" + UUID.randomUUID();
        instance = "outage-" + label;
        set("rc.db.host", "127.0.0.1");
        set("rc.db.port", Integer.toString(proxy.port()));
        set("rc.db.name", rc.get("rc.db.name"));
        set("rc.db.user", rc.getOrDefault("rc.db.user", "postgres"));
        if (rc.containsKey("rc.db.password")) {
            set("rc.db.password", rc.get("rc.db.password"));
        }
        set("rc.namespace", namespace);
        set("rc.instance", instance);
        set("rc.store.timeout", Long.toString(STORE_TIMEOUT_MILLIS));
        set("rc.schema.create", "true");
        set(FleetMember.DELAY_KEY, Long.toString(delayMillis));
        releaseConfig();
        extension = new FaultToleranceExtension();
        container = new Weld("store-outage-" + label).disableDiscovery().addExtension(extension)
                .addBeanClasses(GuardedService.class).initialize();
    }

    private void set(String key, String value) {
        System.setProperty(key, value);
        properties.add(key);
    }

    private static void releaseConfig() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        try {
            if (container != null) {
                shutDownWithin(10_000);
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
            properties.forEach(System::clearProperty);
            properties.clear();
            releaseConfig();
        }
    }

    /** Container shutdown on its own thread, so a store stuck on a dead connection cannot hang the build. */
    private boolean shutDownWithin(long millis) throws InterruptedException {
        WeldContainer closing = container;
        container = null;
        Thread shutdown = new Thread(closing::shutdown, "store-outage-shutdown");
        shutdown.setDaemon(true);
        shutdown.start();
        shutdown.join(millis);
        if (shutdown.isAlive()) {
            StringBuilder where = new StringBuilder();
            for (StackTraceElement frame : shutdown.getStackTrace()) {
                where.append("\n    at ").append(frame);
            }
            System.out.println("[outage] container shutdown still running after " + millis + " ms; closing the proxy."
                    + " Shutdown thread:" + where);
            proxy.close();
            shutdown.join(millis);
            return false;
        }
        return true;
    }

    private GuardedService service() {
        return container.select(GuardedService.class).get();
    }

    private BreakerStatus view() {
        return container.select(CircuitBreakers.class).get().status(FleetMember.KEY).orElseThrow();
    }

    private StoreHealth health() {
        return new StoreHealth(Internals.store(container));
    }

    /**
     * Load from three threads for 6 s; the proxy cuts every connection at 1.5 s and refuses new ones
     * until 4 s. No call sees a store error or waits on the store; the breaker keeps moving on local
     * state; health shows the outage; afterwards the row and the instance agree again.
     */
    @Test
    void guardedCallsRideOutAnOutageAndTheRowReconciles() throws Exception {
        boot("cut", 100);
        warmUp();

        Load load = new Load(service(), 3);
        Sampler sampler = new Sampler();
        load.start();
        sampler.start();
        Member.sleep(1_500);
        proxy.cut();
        sampler.outage(true);
        Member.sleep(2_500);
        proxy.restore();
        sampler.outage(false);
        Member.sleep(2_000);
        load.stop();
        sampler.stop();

        load.print("cut at 1.5 s, restored at 4 s, 6 s of load");
        sampler.print();
        assertEquals(List.of(), load.unexpected, "only the business exception or CircuitBreakerOpenException may reach a caller");
        assertTrue(load.maxMillis() <= CALL_BOUND_MILLIS, "slowest guarded call took " + load.maxMillis() + " ms, bound "
                + CALL_BOUND_MILLIS + " ms");
        assertTrue(sampler.degradedDuringOutage.get(), "health().degraded() was never true during the outage");
        assertTrue(sampler.degradedAfterMillis < 2_500, "degraded only " + sampler.degradedAfterMillis + " ms after the cut");
        assertTrue(sampler.phasesDuringOutage.contains(BreakerPhase.OPEN) && sampler.phasesDuringOutage.contains(BreakerPhase.CLOSED),
                "the breaker kept moving on local state during the outage: phases seen " + sampler.phasesDuringOutage);
        assertTrue(sampler.versionsDuringOutage.size() >= 3, "local transitions during the outage: versions seen "
                + sampler.versionsDuringOutage);

        awaitReconciled(5_000);
    }

    /**
     * The breaker opens while the database is away; the database returns and nobody calls any more.
     * The instance must still write its transition (the row did not move meanwhile).
     */
    @Test
    void reconcilesWhenTheDatabaseReturnsWithoutFurtherCalls() throws Exception {
        boot("quiet", 60_000);
        warmUp();
        long before = row().version();

        proxy.cut();
        awaitTrue(() -> health().degraded(), 3_000, "health().degraded() after the cut");
        GuardedService service = service();
        for (int i = 0; i < 8 && view().phase() != BreakerPhase.OPEN; i++) {
            long start = System.nanoTime();
            try {
                service.call(true, 0);
            } catch (GuardedService.BusinessException expected) {
                // counted
            }
            assertTrue((System.nanoTime() - start) / 1_000_000 <= CALL_BOUND_MILLIS);
        }
        BreakerStatus local = view();
        assertEquals(BreakerPhase.OPEN, local.phase(), "opened on local state while the database is away");
        assertEquals(before, row().version(), "the row cannot have moved: the database was unreachable");

        proxy.restore();
        awaitReconciled(5_000);
    }

    /**
     * A network partition: connections stay open and silent (no reset, no answer), as when the
     * database host vanishes. Calls stay bounded; the outage shows in health; once the path heals the
     * instance reconciles over new connections; and the container still shuts down.
     */
    @Test
    void aPartitionIsBoundedVisibleAndHealed() throws Exception {
        boot("partition", 100);
        warmUp();

        Load load = new Load(service(), 3);
        Sampler sampler = new Sampler();
        load.start();
        sampler.start();
        Member.sleep(1_000);
        proxy.freeze();
        sampler.outage(true);
        Member.sleep(3_000);
        printStoreThreads("after 3 s of partition");
        proxy.heal();
        sampler.outage(false);
        Member.sleep(2_000);
        load.stop();
        sampler.stop();

        load.print("partition from 1 s to 4 s, 6 s of load");
        sampler.print();
        List<String> problems = new ArrayList<>();
        if (!load.unexpected.isEmpty()) {
            problems.add("exceptions reached callers: " + load.unexpected);
        }
        if (load.maxMillis() > CALL_BOUND_MILLIS) {
            problems.add("slowest guarded call took " + load.maxMillis() + " ms");
        }
        if (!sampler.degradedDuringOutage.get()) {
            problems.add("health().degraded() was never true in the 5 s from the start of the 3 s partition");
        }
        try {
            awaitReconciled(5_000);
        } catch (AssertionError notReconciled) {
            problems.add(notReconciled.getMessage());
        }
        long start = System.nanoTime();
        boolean shutDown = shutDownWithin(5_000);
        if (!shutDown) {
            problems.add("container shutdown hung for 5 s on the partitioned connections");
        }
        System.out.println("[outage] partition: shutdown " + (shutDown ? "took " : "hung, gave up after ")
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertEquals(List.of(), problems);
    }

    /** Where the store's threads are: evidence for a report when the store does not notice an outage. */
    private static void printStoreThreads(String when) {
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("resilient-circuit-store")) {
                StringBuilder top = new StringBuilder();
                for (int i = 0; i < stack.length; i++) {
                    if (stack[i].getClassName().startsWith("org.resilientcircuit") || i < 3) {
                        top.append("\n    at ").append(stack[i]);
                    }
                }
                System.out.println("[outage] " + when + ", " + thread.getName() + " (" + thread.getState() + "):" + top);
            }
        });
    }

    /** A few calls, then waits until the store has written the row and reads from the database. */
    private void warmUp() {
        GuardedService service = service();
        for (int i = 0; i < 3; i++) {
            service.call(false, 0);
        }
        awaitTrue(() -> row() != null, 5_000, "the row of the breaker exists");
        awaitTrue(() -> !health().degraded(), 5_000, "the store is healthy before the outage");
    }

    /** The row, read directly (not through the proxy), and the instance agree on state and version; health is clear. */
    private void awaitReconciled(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Row row;
        BreakerStatus local;
        boolean degraded;
        do {
            row = row();
            local = view();
            degraded = health().degraded();
            if (row != null && row.state.equals(local.phase().name()) && row.version == local.version() && !degraded) {
                System.out.println("[outage] reconciled: row " + row + ", instance " + local.phase() + " v" + local.version());
                if (row.version > 0) {
                    assertEquals(instance, row.changedBy, "the only instance made every transition");
                }
                return;
            }
            Member.sleep(20);
        } while (System.nanoTime() - deadline < 0);
        throw new AssertionError("not reconciled " + millis + " ms after the database returned: row " + row
                + ", instance sees " + local.phase() + " v" + local.version() + " by " + local.changedBy()
                + ", health degraded=" + degraded + " (" + health().lastProblem() + ")");
    }

    record Row(String state, long version, String changedBy) {
    }

    private Row row() {
        try (Connection c = db.connect();
                PreparedStatement select = c.prepareStatement(
                        "SELECT state, version, changed_by FROM rc_circuit_breakers WHERE namespace = ? AND resource_key = ?")) {
            select.setString(1, namespace);
            select.setString(2, FleetMember.KEY);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new Row(rs.getString(1), rs.getLong(2), rs.getString(3)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, long millis, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + millis + " ms: " + what);
            }
            Member.sleep(10);
        }
    }

    /** Threads calling the guarded method, failing half of the time; every call timed and classified. */
    private static final class Load {

        private final GuardedService service;
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        private final ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        private final AtomicLong maxNanos = new AtomicLong();

        Load(GuardedService service, int threadCount) {
            this.service = service;
            for (int i = 0; i < threadCount; i++) {
                Thread thread = new Thread(this::run, "outage-load-" + i);
                thread.setDaemon(true);
                threads.add(thread);
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        private void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (running.get()) {
                boolean fail = random.nextBoolean();
                long start = System.nanoTime();
                String outcome;
                try {
                    service.call(fail, 0);
                    outcome = "success";
                } catch (GuardedService.BusinessException expected) {
                    outcome = "failed";
                } catch (CircuitBreakerOpenException rejected) {
                    outcome = "rejected";
                } catch (Throwable other) {
                    outcome = "unexpected";
                    if (unexpected.size() < 10) {
                        unexpected.add(other.toString());
                    }
                }
                long took = System.nanoTime() - start;
                maxNanos.accumulateAndGet(took, Math::max);
                micros.add(took / 1_000);
                outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                LockSupport.parkNanos(500_000);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(5_000);
                assertFalse(thread.isAlive(), thread.getName() + " still running: a guarded call hangs");
            }
        }

        long maxMillis() {
            return maxNanos.get() / 1_000_000;
        }

        void print(String what) {
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            System.out.printf("[outage] %s: %d calls %s; call time p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", what,
                    sorted.size(), outcomes, percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0,
                    sorted.isEmpty() ? 0.0 : sorted.get(sorted.size() - 1) / 1000.0);
        }
    }

    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Watches the local view and the health every 2 ms, separating what happened during the outage. */
    private final class Sampler {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile boolean inOutage;
        final AtomicBoolean degradedDuringOutage = new AtomicBoolean();
        final Set<BreakerPhase> phasesDuringOutage = ConcurrentHashMap.newKeySet();
        final Set<Long> versionsDuringOutage = Collections.synchronizedSet(new TreeSet<>());
        private volatile long degradedAfterMillis = -1;
        private volatile long outageStart; // 0 until the outage starts
        private final Thread thread = new Thread(this::run, "outage-sampler");

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void outage(boolean on) {
            if (on) {
                outageStart = System.nanoTime();
            }
            inOutage = on;
        }

        private void run() {
            while (running.get()) {
                if (inOutage) {
                    BreakerStatus status = view();
                    phasesDuringOutage.add(status.phase());
                    versionsDuringOutage.add(status.version());
                }
                // A store may notice a silent network only when a read times out, which can be after the
                // network healed: from the start of the outage on, any degraded sample counts.
                if (outageStart != 0 && health().degraded() && degradedDuringOutage.compareAndSet(false, true)) {
                    degradedAfterMillis = (System.nanoTime() - outageStart) / 1_000_000;
                }
                LockSupport.parkNanos(2_000_000);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(2_000);
        }

        void print() {
            System.out.println("[outage] during the outage: local phases " + phasesDuringOutage + ", local versions "
                    + versionsDuringOutage + ", degraded " + (degradedDuringOutage.get()
                            ? degradedAfterMillis + " ms after the outage began" : "never") + "; now " + view()
                    + ", degraded=" + health().degraded());
        }
    }

    /** The store's status as the maintenance API reports it. */
    private record StoreHealth(org.resilientcircuit.spi.StoreStatus status) {
        boolean degraded() {
            return status.degraded();
        }

        String lastProblem() {
            return status.problem();
        }
    }
}
