package org.resilientcircuit.benchmarks.fleet;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.postgresql.ds.PGSimpleDataSource;
import org.resilientcircuit.benchmarks.report.ResultFile;
import org.resilientcircuit.engine.BreakerObserver;
import org.resilientcircuit.engine.Call;
import org.resilientcircuit.engine.ChainBuilder;
import org.resilientcircuit.engine.CircuitBreaker;
import org.resilientcircuit.engine.CircuitBreakerSettings;
import org.resilientcircuit.engine.ContextActivator;
import org.resilientcircuit.engine.ExceptionFilter;
import org.resilientcircuit.engine.LibraryThreads;
import org.resilientcircuit.engine.MethodPolicies;
import org.resilientcircuit.engine.Step;
import org.resilientcircuit.engine.Ticker;
import org.resilientcircuit.spi.StateStore;
import org.resilientcircuit.store.memory.MemoryStateStore;
import org.resilientcircuit.store.postgres.PostgresSettings;
import org.resilientcircuit.store.postgres.PostgresStateStore;

/**
 * Heap retained by N distinct breakers, in a fresh JVM (run it with a fixed heap and
 * {@code -XX:+UseSerialGC}, so that {@code System.gc()} is a full, compacting collection). The store,
 * the library's threads and one warm-up breaker exist before the first reading; then N breakers are
 * created the way the CDI runtime creates them (engine constructors), each with its synchronous chain,
 * and one successful call goes through each. Reading = heap used right after full GCs, repeated until
 * two readings agree within 16 KB. Result = second reading minus first.
 *
 * <pre>
 * java -XX:+UseSerialGC -Xms512m -Xmx512m -cp ... org.resilientcircuit.benchmarks.fleet.HeapMain
 *      --store memory|postgres [--breakers 10000] --out benchmarks/target/fleet/heap-memory.properties
 * </pre>
 */
public final class HeapMain {

    static final String INCLUDED = "per breaker: the CircuitBreaker, its local view (ClosedState with its RollingWindow of"
            + " requestVolumeThreshold = 20 outcomes, and the BreakerState), the key (a default key: bean class name and"
            + " method signature, 82 characters), the runtime's map entry by key, the synchronous chain step that holds"
            + " the breaker, the CircuitBreakerSettings and ExceptionFilter of its method, and the store's per-key"
            + " structures (memory: its map entry and state; PostgreSQL: the listener entry and the change feed's last"
            + " delivered version); not included: CDI metadata of the guarded methods (per method, not per breaker)";

    private HeapMain() {
    }

    public static void main(String[] args) throws Exception {
        String storeKind = "memory";
        int count = 10_000;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--store" -> storeKind = args[++i];
                case "--breakers" -> count = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (out == null) {
            out = Path.of("benchmarks/target/fleet/heap-" + storeKind + ".properties");
        }
        String namespace = "bench-heap-" + UUID.randomUUID().toString().substring(0, 8);
        BenchDatabase db = null;
        StateStore store;
        long pollMillis = 1000;
        if (storeKind.equals("memory")) {
            store = new MemoryStateStore();
        } else if (storeKind.equals("postgres")) {
            db = BenchDatabase.open();
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(db.url);
            store = new PostgresStateStore(dataSource, PostgresSettings.of(namespace, "heap"), db.url);
        } else {
            throw new IllegalArgumentException("--store memory|postgres, not " + storeKind);
        }
        LibraryThreads threads = new LibraryThreads("heap");
        ChainBuilder chains = new ChainBuilder(threads, Ticker.SYSTEM, ContextActivator.NONE);
        Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>(); // as FaultToleranceRuntime keeps them
        List<Step> steps = new ArrayList<>(); // as the guarded methods keep their chains

        create("org.example.shop.WarmUp#call()", store, chains, breakers, steps);
        if (db != null) {
            FleetBench.sleepMillis(2 * pollMillis + 500);
        }
        long before = usedAfterGc();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            create(String.format("org.example.shop.service.PaymentGateway%05d#charge(java.lang.String,long,boolean)", i),
                    store, chains, breakers, steps);
        }
        long createdMillis = (System.nanoTime() - start) / 1_000_000;
        if (db != null) {
            FleetBench.sleepMillis(2 * pollMillis + 500); // the change feed has read every key at least once
        }
        long after = usedAfterGc();

        ResultFile result = new ResultFile();
        result.put("store", storeKind);
        result.put("breakers", count);
        result.put("heap.before.bytes", before);
        result.put("heap.after.bytes", after);
        result.put("heap.bytes", after - before);
        result.put("heap.mb", (after - before) / 1e6);
        result.put("bytes.per.breaker", (after - before) / (double) count);
        result.put("create.ms", createdMillis);
        result.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(" + ")));
        result.put("max.heap.bytes", Runtime.getRuntime().maxMemory());
        result.put("included", INCLUDED);
        if (db != null) {
            result.put("store.degraded", store.status().degraded());
            try (Connection c = db.connect();
                    PreparedStatement rows = c.prepareStatement("SELECT count(*) FROM rc_circuit_breakers WHERE namespace = ?")) {
                rows.setString(1, namespace);
                try (ResultSet rs = rows.executeQuery()) {
                    rs.next();
                    result.put("rows", rs.getLong(1));
                }
            }
        }
        result.write(out, "heap retained by " + count + " distinct breakers with the " + storeKind
                + " store: heap used after full GCs, after minus before");
        System.err.printf("[heap] %s store: %d breakers retain %d bytes (%.2f MB, %.0f bytes per breaker)%n", storeKind,
                count, after - before, (after - before) / 1e6, (after - before) / (double) count);
        Reference.reachabilityFence(breakers);
        Reference.reachabilityFence(steps);
        threads.close();
        store.close();
        if (db != null) {
            db.deleteNamespace(namespace);
            db.close();
        }
        System.exit(0);
    }

    private static void create(String key, StateStore store, ChainBuilder chains, Map<String, CircuitBreaker> breakers,
            List<Step> steps) throws Exception {
        CircuitBreakerSettings settings = new CircuitBreakerSettings(20, 0.5, 5000, 1,
                new ExceptionFilter(List.of(Throwable.class), List.of()), 30_000);
        CircuitBreaker breaker = breakers.computeIfAbsent(key,
                k -> new CircuitBreaker(k, settings, store, Ticker.SYSTEM, BreakerObserver.NONE));
        Step chain = chains.sync(new MethodPolicies(key, false, false, null, null, breaker, null, null));
        steps.add(chain);
        chain.invoke(new Call(() -> "ok"));
    }

    /** Heap used right after full GCs, repeated until two readings agree within 16 KB (at most 20 times). */
    static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = -1;
        for (int i = 0; i < 20; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (previous >= 0 && Math.abs(used - previous) < 16 * 1024) {
                return Math.min(used, previous);
            }
            previous = used;
            FleetBench.sleepMillis(100);
        }
        return previous;
    }
}
