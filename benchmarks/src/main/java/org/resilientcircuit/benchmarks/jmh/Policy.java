package org.resilientcircuit.benchmarks.jmh;

import java.util.Arrays;

/** The {@code policy} parameter of {@link GuardedCallBenchmark}: which method of {@link GuardedBean} it calls. */
public enum Policy {

    CIRCUIT_BREAKER("circuitBreaker") {
        @Override
        String call(GuardedBean bean) {
            return bean.circuitBreaker();
        }
    },
    RETRY("retry") {
        @Override
        String call(GuardedBean bean) {
            return bean.retry();
        }
    },
    BOTH("both") {
        @Override
        String call(GuardedBean bean) {
            return bean.both();
        }
    };

    private final String parameter;

    Policy(String parameter) {
        this.parameter = parameter;
    }

    /** The value of the JMH parameter, as it appears in the result CSV. */
    public String parameter() {
        return parameter;
    }

    /** Calls the method of {@code bean} guarded by this policy. */
    abstract String call(GuardedBean bean);

    public static Policy of(String parameter) {
        return Arrays.stream(values())
                .filter(policy -> policy.parameter.equals(parameter))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown policy '" + parameter + "', expected one of "
                        + Arrays.stream(values()).map(Policy::parameter).toList()));
    }
}
