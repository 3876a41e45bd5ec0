package org.resilientcircuit.benchmarks.jmh;

import java.util.Arrays;

/** Which MicroProfile Fault Tolerance implementation a benchmark's Weld container runs. */
public enum Implementation {

    /** None: the annotations are inert (the baseline of {@link PlainCallBenchmark}). */
    NONE("none"),
    /** Resilient Circuit with nothing configured: the in-memory store. */
    MEMORY("memory"),
    /** Resilient Circuit with the PostgreSQL store ({@code rc.db.*}). */
    POSTGRES("postgres"),
    /** SmallRye Fault Tolerance's CDI extension. */
    SMALLRYE("smallrye"),
    /**
     * No fault tolerance, but the no-op {@link FloorInterceptor} on the bean's methods: the least any
     * interceptor-based implementation can cost on the same method.
     */
    FLOOR("floor");

    private final String parameter;

    Implementation(String parameter) {
        this.parameter = parameter;
    }

    /** The value of the JMH parameter, as it appears in the result CSV. */
    public String parameter() {
        return parameter;
    }

    /** The only interceptor class that may be on the stack of a guarded call, or null for {@link #NONE}. */
    String interceptor() {
        return switch (this) {
            case NONE -> null;
            case MEMORY, POSTGRES -> GuardedBean.OURS;
            case SMALLRYE -> GuardedBean.SMALLRYE;
            case FLOOR -> GuardedBean.FLOOR;
        };
    }

    public static Implementation of(String parameter) {
        return Arrays.stream(values())
                .filter(implementation -> implementation.parameter.equals(parameter))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown implementation '" + parameter
                        + "', expected one of " + Arrays.stream(values()).map(Implementation::parameter).toList()));
    }
}
