package org.resilientcircuit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.resilientcircuit.benchmarks.report.Targets.Status;

class TargetsTest {

    private static Map<String, Targets.Target> byName(List<Targets.Target> targets) {
        return targets.stream().collect(Collectors.toMap(Targets.Target::name, t -> t));
    }

    static ResultFile file(String... keyValues) {
        ResultFile file = new ResultFile();
        for (int i = 0; i < keyValues.length; i += 2) {
            file.put(keyValues[i], keyValues[i + 1]);
        }
        return file;
    }

    @Test
    void overheadIsTheGuardedScoreMinusThePlainScoreOfTheSameThreadCount() throws IOException {
        List<Targets.Overheads> overheads = Targets.overheads(JmhResultsTest.sample());
        assertEquals(5, overheads.size()); // 3 policies at 1 thread, circuitBreaker and retry at 2
        Targets.Overheads cb1 = overheads.get(0);
        assertEquals("circuitBreaker", cb1.policy());
        assertEquals(1, cb1.threads());
        assertEquals(20.0, cb1.overhead("memory"), 1e-9);
        assertEquals(22.0, cb1.overhead("postgres"), 1e-9);
        assertEquals(200.0, cb1.overhead("smallrye"), 1e-9);
        Targets.Overheads cb2 = overheads.get(1);
        assertEquals(2, cb2.threads());
        assertEquals(40.0, cb2.overhead("memory"), 1e-9);
        assertTrue(Double.isNaN(overheads.get(3).overhead("smallrye")), "retry at 2 threads has no SmallRye row");
    }

    @Test
    void judgesEveryRatioTarget() throws IOException {
        Map<String, Targets.Target> t = byName(Targets.evaluate(JmhResultsTest.sample(), null, null, null, null));
        // circuitBreaker, 1 thread: 22 vs 20 ns (1.10x) and 22 vs 200 ns (0.11x)
        assertEquals(Status.MET, t.get("closed-state overhead per call, PostgreSQL store vs memory store (circuitBreaker, 1 thread)").status());
        assertEquals("1.10x (22.0 ns vs 20.0 ns)",
                t.get("closed-state overhead per call, PostgreSQL store vs memory store (circuitBreaker, 1 thread)").figure());
        assertEquals(Status.MET, t.get("closed-state overhead per call, PostgreSQL store vs SmallRye (circuitBreaker, 1 thread)").status());
        // retry, 1 thread: 38 vs 30 ns is 1.27x: missed; 38 vs 100 ns (SmallRye in us/op) is 0.38x: met
        assertEquals(Status.MISSED, t.get("closed-state overhead per call, PostgreSQL store vs memory store (retry, 1 thread)").status());
        assertEquals(Status.MET, t.get("closed-state overhead per call, PostgreSQL store vs SmallRye (retry, 1 thread)").status());
        // both, 1 thread: 58 vs 50 ns is 1.16x: met; 58 vs 100 ns is 0.58x: missed
        assertEquals(Status.MET, t.get("closed-state overhead per call, PostgreSQL store vs memory store (both, 1 thread)").status());
        assertEquals(Status.MISSED, t.get("closed-state overhead per call, PostgreSQL store vs SmallRye (both, 1 thread)").status());
        assertEquals("0.58x (58.0 ns vs 100.0 ns)", t.get("closed-state overhead per call, PostgreSQL store vs SmallRye (both, 1 thread)").figure());
        // retry, 2 threads: no SmallRye row
        assertEquals(Status.NOT_MEASURED, t.get("closed-state overhead per call, PostgreSQL store vs SmallRye (retry, 2 threads)").status());
        // rejected: 31 vs 200 ns met; 90 vs 200 ns (0.45x) missed; no memory row at 2 threads
        assertEquals(Status.MET, t.get("rejected call (open breaker), PostgreSQL store vs SmallRye (1 thread)").status());
        assertEquals("0.16x (31.0 ns vs 200.0 ns)", t.get("rejected call (open breaker), PostgreSQL store vs SmallRye (1 thread)").figure());
        assertEquals(Status.MISSED, t.get("rejected call (open breaker), PostgreSQL store vs SmallRye (2 threads)").status());
        assertEquals(Status.NOT_MEASURED, t.get("rejected call (open breaker), memory store vs SmallRye (2 threads)").status());
    }

    @Test
    void judgesTheFleetTargets() {
        ResultFile propagation = file("samples", "400", "delay.median.ms", "1.2", "delay.p99.ms", "12.5");
        ResultFile statements = file("counter", "pg_stat_database", "calls", "100000", "per.1000.calls", "0.03");
        ResultFile heapMemory = file("store", "memory", "breakers", "10000", "heap.mb", "4.5", "bytes.per.breaker", "450");
        ResultFile heapPostgres = file("store", "postgres", "breakers", "5000", "heap.mb", "30", "bytes.per.breaker", "6000");
        Map<String, Targets.Target> t = byName(Targets.evaluate(JmhResults.parse(""), propagation, statements, heapMemory, heapPostgres));
        assertEquals(Status.MET, t.get("propagation of an opening to another instance, median").status());
        assertEquals(Status.MISSED, t.get("propagation of an opening to another instance, p99").status());
        assertEquals(Status.MET, t.get("database statements per guarded call in the closed state (PostgreSQL store)").status());
        assertEquals(Status.MET, t.get("heap held by 10,000 breakers, memory store").status());
        // 30 MB for 5,000 breakers is 60 MB for 10,000
        assertEquals(Status.MISSED, t.get("heap held by 10,000 breakers, PostgreSQL store").status());
        assertEquals(Status.NOT_MEASURED, t.get("closed-state overhead per call, PostgreSQL store vs memory store").status());
        assertEquals(Status.NOT_MEASURED, t.get("rejected call (open breaker) vs SmallRye").status());

        statements.put("per.1000.calls", "0.7");
        t = byName(Targets.evaluate(null, null, statements, null, null));
        assertEquals(Status.MISSED, t.get("database statements per guarded call in the closed state (PostgreSQL store)").status());
        assertEquals(Status.NOT_MEASURED, t.get("propagation of an opening to another instance, median").status());
        assertEquals(Status.NOT_MEASURED, t.get("heap held by 10,000 breakers, memory store").status());
    }

    @Test
    void flagsScoresWhoseErrorExceedsHalfOfThem() {
        assertEquals("", Targets.noise(100, 50, 10, Double.NaN));
        assertEquals("; noisy: 100.0 ± 50.1 ns", Targets.noise(100, 50.1, 10, 1));
        assertEquals("; noisy: 10.0 ± 6.0 ns, 8.0 ± 9.0 ns", Targets.noise(10, 6, 8, 9));
    }

    @Test
    void ratiosAndLimits() {
        assertEquals(Status.MET, Targets.atMost(12, 1.2, 10));
        assertEquals(Status.MISSED, Targets.atMost(12.01, 1.2, 10));
        assertEquals(Status.NOT_MEASURED, Targets.atMost(Double.NaN, 1.2, 10));
        assertEquals(Status.MISSED, Targets.atMost(1, 0.5, -3), "a reference below zero cannot be beaten by a positive overhead");
        assertEquals("1.50x", Targets.ratio(3, 2));
        assertTrue(Targets.ratio(3, 0).startsWith("n/a"));
    }
}
