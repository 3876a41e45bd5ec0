package org.resilientcircuit.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A successful call of a guarded method while its breaker is closed: what every call costs when nothing
 * goes wrong. {@code policy} picks the method of {@link GuardedBean} ({@code @CircuitBreaker}, {@code @Retry},
 * or both, all with default values); {@code implementation} the container ({@link BenchContainer}), {@code floor}
 * being the same method with only a no-op interceptor ({@link FloorInterceptor}), the floor the overheads are
 * measured from.
 * Each trial starts a new container, and for {@code postgres} a new namespace, so every breaker starts closed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GuardedCallBenchmark {

    @Param({"memory", "postgres", "smallrye", "floor"})
    public String implementation;

    @Param({"circuitBreaker", "retry", "both"})
    public String policy;

    private BenchContainer container;
    private GuardedBean bean;
    private Policy call;

    @Setup(Level.Trial)
    public void setup() {
        setup(PostgresTarget.benchmarkUrl());
    }

    void setup(String jdbcUrl) {
        call = Policy.of(policy);
        container = BenchContainer.start(Implementation.of(implementation), jdbcUrl);
        bean = container.bean();
    }

    @Benchmark
    public String call() {
        return call.call(bean);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (container != null) {
            container.close();
            container = null;
        }
    }
}
