package org.resilientcircuit.benchmarks.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.spi.BreakerPhase;

/**
 * Each implementation's benchmark setup, once: the container starts with only that implementation acting
 * on the annotations, every guarded method returns the constant, and the breaker the rejection benchmark
 * opens rejects. No timing is checked. The {@code postgres} case needs {@value PostgresTarget#TEST_VARIABLE}.
 */
class BenchmarkSetupTest {

    @Test
    void plainContainerHasNoFaultTolerance() {
        PlainCallBenchmark benchmark = new PlainCallBenchmark();
        benchmark.setup();
        try {
            assertEquals(GuardedBean.RESULT, benchmark.call());
        } finally {
            benchmark.tearDown();
        }
        try (BenchContainer container = BenchContainer.start(Implementation.NONE, null)) {
            assertEquals(List.of(), container.bean().interceptedBy());
            // without an implementation the breaker's method is an ordinary failing method
            assertThrows(IllegalStateException.class, () -> container.bean().failing());
        }
    }

    @Test
    void floorRunsOnlyTheNoOpInterceptor() {
        try (BenchContainer container = BenchContainer.start(Implementation.FLOOR, null)) {
            GuardedBean bean = container.bean();
            assertEquals(List.of(GuardedBean.FLOOR), bean.interceptedBy(), "the interceptors on the stack of a call");
            for (Policy policy : Policy.values()) {
                assertEquals(GuardedBean.RESULT, policy.call(bean), policy.parameter());
            }
            // no fault tolerance: the breaker's method is an ordinary failing method, however often it fails
            for (int i = 0; i < 2 * GuardedBean.FAILURES_TO_OPEN; i++) {
                assertThrows(IllegalStateException.class, bean::failing);
            }
        }
        GuardedCallBenchmark guarded = new GuardedCallBenchmark();
        guarded.implementation = "floor";
        guarded.policy = "circuitBreaker";
        guarded.setup();
        try {
            assertEquals(GuardedBean.RESULT, guarded.call());
        } finally {
            guarded.tearDown();
        }
    }

    @Test
    void memory() {
        checkImplementation(Implementation.MEMORY, null);
    }

    @Test
    void postgres() {
        String url = System.getenv(PostgresTarget.TEST_VARIABLE);
        assumeTrue(url != null && !url.isBlank(),
                PostgresTarget.TEST_VARIABLE + " is not set: the postgres benchmark setup is not checked");
        checkImplementation(Implementation.POSTGRES, url.strip());
    }

    @Test
    void smallrye() {
        checkImplementation(Implementation.SMALLRYE, null);
    }

    private static void checkImplementation(Implementation implementation, String jdbcUrl) {
        PostgresTarget postgres = jdbcUrl == null ? null : PostgresTarget.parse(jdbcUrl);
        String namespace;
        try (BenchContainer container = BenchContainer.start(implementation, jdbcUrl)) {
            GuardedBean bean = container.bean();
            assertEquals(List.of(implementation.interceptor()), bean.interceptedBy(),
                    "the interceptors on the stack of a guarded call");
            for (Policy policy : Policy.values()) {
                for (int i = 0; i < 100; i++) {
                    assertEquals(GuardedBean.RESULT, policy.call(bean), policy.parameter());
                }
            }
            if (implementation != Implementation.SMALLRYE) {
                // the closed-state calls left their breakers closed
                assertEquals(BreakerPhase.CLOSED,
                        container.breakers().status(GuardedBean.class.getName() + "#circuitBreaker()").orElseThrow().phase());
            }

            assertEquals(GuardedBean.FAILURES_TO_OPEN, container.openFailingBreaker());
            for (int i = 0; i < 100; i++) {
                assertInstanceOf(CircuitBreakerOpenException.class, RejectedCallBenchmark.rejectedCall(bean));
            }
            if (implementation != Implementation.SMALLRYE) {
                assertEquals(BreakerPhase.OPEN, container.breakers().status(BenchContainer.FAILING_KEY).orElseThrow().phase());
            }
            if (postgres != null) {
                assertEquals("OPEN", postgres.state(container.namespace().orElseThrow(), BenchContainer.FAILING_KEY)
                        .orElseThrow());
            }
            namespace = container.namespace().orElse(null);
        }
        if (postgres != null) {
            assertEquals(0, postgres.deleteNamespace(namespace), "close() deletes the scratch namespace's rows");
        }
        assertTrue(System.getProperty("rc.namespace") == null && System.getProperty("rc.db.host") == null,
                "close() removes the settings");
    }

    @Test
    void benchmarkLifecycleRunsTheSameChecks() {
        GuardedCallBenchmark guarded = new GuardedCallBenchmark();
        guarded.implementation = "smallrye";
        guarded.policy = "both";
        guarded.setup();
        try {
            assertEquals(GuardedBean.RESULT, guarded.call());
        } finally {
            guarded.tearDown();
        }

        RejectedCallBenchmark rejected = new RejectedCallBenchmark();
        rejected.implementation = "memory";
        rejected.setup();
        try {
            assertInstanceOf(CircuitBreakerOpenException.class, rejected.call());
        } finally {
            rejected.tearDown();
        }
    }

    @Test
    void aStoreConfiguredOutsideFailsTheMemorySetup() {
        // as if RC_DB_HOST were in the environment: the memory configuration would measure the PostgreSQL store
        System.setProperty("rc.db.host", "127.0.0.1");
        System.setProperty("rc.db.port", "1");
        try {
            IllegalStateException wrong = assertThrows(IllegalStateException.class,
                    () -> BenchContainer.start(Implementation.MEMORY, null));
            assertTrue(wrong.getMessage().contains("wrong store"), wrong.getMessage());
        } finally {
            System.clearProperty("rc.db.host");
            System.clearProperty("rc.db.port");
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        }
    }

    @Test
    void unknownParametersFailTheSetup() {
        GuardedCallBenchmark guarded = new GuardedCallBenchmark();
        guarded.implementation = "hystrix";
        guarded.policy = "retry";
        assertThrows(IllegalArgumentException.class, guarded::setup);
        guarded.implementation = "memory";
        guarded.policy = "bulkhead";
        assertThrows(IllegalArgumentException.class, guarded::setup);
    }
}
