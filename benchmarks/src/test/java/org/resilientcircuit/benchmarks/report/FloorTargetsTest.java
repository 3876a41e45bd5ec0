package org.resilientcircuit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resilientcircuit.benchmarks.report.Targets.Status;

/**
 * The figures over the floor, bytes per call and the thread-scaling targets, from
 * {@code sample-jmh-floor.csv}: a hand-made run with the GC profiler's rows (one in the older '·' naming),
 * the floor, and 1, 2 and 4 threads.
 */
class FloorTargetsTest {

    @TempDir
    Path dir;

    static JmhResults floorSample() throws IOException {
        try (InputStream in = FloorTargetsTest.class.getResourceAsStream("/sample-jmh-floor.csv")) {
            return JmhResults.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, Targets.Target> targets(int cores) throws IOException {
        return Targets.evaluate(floorSample(), null, null, null, null, cores).stream()
                .collect(Collectors.toMap(Targets.Target::name, t -> t));
    }

    @Test
    void readsTheGcProfilersBytesPerCallInEitherNaming() throws IOException {
        JmhResults jmh = floorSample();
        assertEquals(84, jmh.rows().size());
        assertEquals("GuardedCallBenchmark.call:gc.alloc.rate.norm",
                JmhResults.shortName("org.x.GuardedCallBenchmark.call:gc.alloc.rate.norm"));
        assertEquals("GuardedCallBenchmark.call:gc.alloc.rate.norm",
                JmhResults.shortName("org.x.GuardedCallBenchmark.call:\u00b7gc.alloc.rate.norm"));
        assertEquals(24.3, jmh.allocation(JmhResults.GUARDED, 1, "postgres", "circuitBreaker"));
        assertEquals(24.0, jmh.allocation(JmhResults.GUARDED, 1, "memory", "retry"), "the '·' row");
        assertEquals(0.001, jmh.allocation(JmhResults.PLAIN, 1, null, null));
        assertEquals(72.0, jmh.allocation(JmhResults.REJECTED, 1, "memory", null));
        assertTrue(Double.isNaN(jmh.allocation(JmhResults.GUARDED, 2, "postgres", "retry")));
        // the secondary rows never stand in for the time of a call
        assertEquals(50.0, jmh.find(JmhResults.GUARDED, 1, "memory", "circuitBreaker").orElseThrow().scoreNanos());
        assertEquals(List.of("floor", "memory", "postgres", "smallrye"), jmh.values(JmhResults.GUARDED, "implementation"));
        assertEquals(List.of(1, 2, 4), jmh.threadCounts());
    }

    @Test
    void overheadOverTheFloorIsTheGuardedScoreMinusTheFloorsOfTheSamePolicyAndThreads() throws IOException {
        List<Targets.Overheads> overheads = Targets.overheads(floorSample());
        Targets.Overheads cb1 = FloorTargets.find(overheads, "circuitBreaker", 1).orElseThrow();
        assertEquals(40.0, cb1.overFloor("memory"), 1e-9);
        assertEquals(70.0, cb1.overFloor("postgres"), 1e-9);
        assertEquals(600.0, cb1.overFloor("smallrye"), 1e-9);
        assertEquals(48.0, cb1.overhead("memory"), 1e-9, "over the plain call, as before");
        Targets.Overheads cb2 = FloorTargets.find(overheads, "circuitBreaker", 2).orElseThrow();
        assertEquals(46.0, cb2.overFloor("memory"), 1e-9);
        assertTrue(Double.isNaN(FloorTargets.find(overheads, "both", 1).orElseThrow().overFloor("smallrye")));
    }

    @Test
    void judgesTheFloorTargets() throws IOException {
        Map<String, Targets.Target> t = targets(2);
        Targets.Target memory = t.get("closed-state overhead over the no-op interceptor floor, memory store (circuitBreaker, 1 thread)");
        assertEquals(Status.MET, memory.status());
        assertEquals("40.0 ns", memory.figure());
        assertEquals("<= 60 ns", memory.limit());
        assertEquals(Status.MISSED,
                t.get("closed-state overhead over the no-op interceptor floor, PostgreSQL store (circuitBreaker, 1 thread)").status());
        // 40 / 600 ns is 0.07x: met; 70 / 600 ns is 0.12x: missed
        Targets.Target vsSmallRye = t.get(
                "closed-state overhead over the floor, memory store vs SmallRye over the same floor (circuitBreaker, 1 thread)");
        assertEquals(Status.MET, vsSmallRye.status());
        assertEquals("0.07x (40.0 ns vs 600.0 ns)", vsSmallRye.figure());
        assertEquals(Status.MISSED, t.get(
                "closed-state overhead over the floor, PostgreSQL store vs SmallRye over the same floor (circuitBreaker, 1 thread)")
                .status());
    }

    @Test
    void judgesBytesPerCallAboveTheFloor() throws IOException {
        Map<String, Targets.Target> t = targets(2);
        String name = "bytes allocated per guarded call minus the floor's, ";
        assertEquals(Status.MET, t.get(name + "memory store (circuitBreaker, 1 thread)").status());
        // 0.3 bytes above the floor: a mean's noise, below the half byte that counts as one
        Targets.Target postgres = t.get(name + "PostgreSQL store (circuitBreaker, 1 thread)");
        assertEquals(Status.MET, postgres.status());
        assertEquals("0.3 bytes (24.3 vs 24.0 B/op)", postgres.figure());
        assertEquals(Status.MISSED, t.get(name + "PostgreSQL store (retry, 1 thread)").status());
        assertEquals("32.0 bytes (56.0 vs 24.0 B/op)", t.get(name + "PostgreSQL store (retry, 1 thread)").figure());
        assertEquals(Status.MET, t.get(name + "memory store (retry, 1 thread)").status());
        assertEquals(Status.MET, t.get(name + "memory store (both, 1 thread)").status());
    }

    @Test
    void judgesTwoThreadsAgainstOne() throws IOException {
        Map<String, Targets.Target> t = targets(2);
        String name = "closed-state overhead over the floor at 2 threads vs 1 thread, ";
        // memory circuitBreaker: 46 vs 40 ns (1.15x); retry: 24 vs 20 ns, exactly 1.2x, is met
        assertEquals(Status.MET, t.get(name + "memory store (circuitBreaker)").status());
        assertEquals("1.15x (46.0 ns vs 40.0 ns)", t.get(name + "memory store (circuitBreaker)").figure());
        assertEquals(Status.MET, t.get(name + "memory store (retry)").status());
        // PostgreSQL circuitBreaker: 88 vs 70 ns (1.26x)
        assertEquals(Status.MISSED, t.get(name + "PostgreSQL store (circuitBreaker)").status());
        assertEquals(Status.NOT_MEASURED, t.get(name + "PostgreSQL store (retry)").status());
        assertEquals(Status.NOT_MEASURED, t.get(name + "memory store (both)").status());
    }

    @Test
    void withoutAFloorItsTargetsAreNotMeasured() throws IOException {
        Map<String, Targets.Target> t = Targets.evaluate(JmhResultsTest.sample(), null, null, null, null).stream()
                .collect(Collectors.toMap(Targets.Target::name, x -> x));
        assertEquals(Status.NOT_MEASURED,
                t.get("closed-state overhead over the no-op interceptor floor, memory store (circuitBreaker, 1 thread)").status());
        assertEquals(Status.NOT_MEASURED,
                t.get("bytes allocated per guarded call minus the floor's, memory store (both, 1 thread)").status());
        assertEquals(Status.NOT_MEASURED, Targets.evaluate(null, null, null, null, null).stream()
                .filter(x -> x.name().startsWith("closed-state overhead over the floor at 2 threads")).findFirst()
                .orElseThrow().status());
    }

    @Test
    void namesTheCoresBesideThreadCountsAboveThem() throws IOException {
        Map<String, Targets.Target> t = targets(2);
        assertTrue(t.containsKey("closed-state overhead per call, PostgreSQL store vs memory store (circuitBreaker, 4 threads on 2 cores)"),
                t.keySet().toString());
        assertTrue(t.containsKey("closed-state overhead per call, PostgreSQL store vs memory store (circuitBreaker, 2 threads)"));
        assertEquals("8 threads", Targets.threads(8, 0));
    }

    @Test
    void reportShowsTheFloorTheBytesAndTheCores() throws Exception {
        TargetsTest.file("cores", "2").write(dir.resolve("machine.properties"), "machine");
        String md = new Report(floorSample(), dir, false).markdown();
        assertTrue(md.contains("The machine has 2 cores"), md);
        // policy, threads, floor, over floor memory / postgres / smallrye, memory / smallrye, postgres / smallrye
        assertTrue(md.contains("| circuitBreaker | 1 | 10.00 | 40.00 | 70.00 | 600.0 | 0.07x | 0.12x |"), md);
        assertTrue(md.contains("| circuitBreaker | 4 (2 cores) | 20.00 | 80.00 | - | - | n/a | n/a |"), md);
        // policy, threads, floor, memory, postgres, smallrye, and each minus the floor
        assertTrue(md.contains("| retry | 1 | 24.0 | 24.0 | 56.0 | - | 0.0 | 32.0 | - |"), md);
        assertTrue(md.contains("The plain call allocates 0.0 / 0.0 / 0.0 B/op at 1 / 2 / 4 threads; a rejected call: memory 72.0 B/op at 1 thread"), md);
        assertTrue(md.contains("| GuardedCallBenchmark.call | postgres | circuitBreaker | 1 | 3 | 80.00 | 0.50 | ns/op | 24.3 |"), md);
        assertTrue(!md.contains("gc.count"), "the profiler's other rows stay in the CSV");
    }
}
