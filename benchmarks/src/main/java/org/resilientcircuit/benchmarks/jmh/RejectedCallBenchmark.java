package org.resilientcircuit.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
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
 * A call rejected by an open breaker: {@link GuardedBean#failing()}, whose breaker the setup opens with
 * failing calls (delay one hour, so it stays open for the whole trial) and checks to be open. The
 * {@link CircuitBreakerOpenException} is the result; any other outcome (the body ran) fails the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RejectedCallBenchmark {

    @Param({"memory", "postgres", "smallrye"})
    public String implementation;

    private BenchContainer container;
    private GuardedBean bean;

    @Setup(Level.Trial)
    public void setup() {
        setup(PostgresTarget.benchmarkUrl());
    }

    void setup(String jdbcUrl) {
        container = BenchContainer.start(Implementation.of(implementation), jdbcUrl);
        bean = container.bean();
        container.openFailingBreaker();
    }

    @Benchmark
    public Object call() {
        return rejectedCall(bean);
    }

    /** One call of the open breaker's method: the rejection. */
    static Object rejectedCall(GuardedBean bean) {
        try {
            return bean.failing();
        } catch (CircuitBreakerOpenException rejected) {
            return rejected;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (container != null) {
            container.close();
            container = null;
        }
    }
}
