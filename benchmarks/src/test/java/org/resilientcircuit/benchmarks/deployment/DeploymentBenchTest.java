package org.resilientcircuit.benchmarks.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.resilientcircuit.benchmarks.report.ResultFile;

/**
 * The deployment measured is the one described: every generated method guarded, with its own breaker and,
 * with a metrics system, its breaker metrics. A small deployment (3 beans x 4 methods); nothing is timed.
 */
class DeploymentBenchTest {

    @Test
    void everyGeneratedMethodIsGuardedAndMetered() throws Exception {
        for (MetricsSystem metrics : MetricsSystem.values()) {
            ResultFile result = DeploymentBench.run(new DeploymentBench.Arguments("memory", metrics, 3, 4, 4, null));

            assertEquals("12", result.get("guarded.methods"), metrics.parameter());
            assertEquals("12", result.get("breakers"), metrics.parameter());
            assertEquals(metrics == MetricsSystem.NONE ? "0" : "12", result.get("metered.methods.after.first.calls"),
                    metrics.parameter());
        }
    }

    @Test
    void everyMethodOfTheSourceHasBothPolicies() {
        String source = GeneratedBeans.source(7, 100);

        assertEquals(100, source.split("@org.eclipse.microprofile.faulttolerance.CircuitBreaker\\(", -1).length - 1);
        assertEquals(100, source.split("@org.eclipse.microprofile.faulttolerance.Retry\\(", -1).length - 1);
        assertEquals(100, source.split("public String call", -1).length - 1);
    }
}
