package org.resilientcircuit.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The baseline: {@link GuardedBean#plain()}, a method without any fault-tolerance annotation, through the
 * Weld client proxy of a container with no fault-tolerance implementation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PlainCallBenchmark {

    private BenchContainer container;
    private GuardedBean bean;

    @Setup(Level.Trial)
    public void setup() {
        container = BenchContainer.start(Implementation.NONE, null);
        bean = container.bean();
    }

    @Benchmark
    public String call() {
        return bean.plain();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (container != null) {
            container.close();
            container = null;
        }
    }
}
