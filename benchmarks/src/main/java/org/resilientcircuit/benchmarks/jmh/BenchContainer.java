package org.resilientcircuit.benchmarks.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.spi.Extension;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.resilientcircuit.api.BreakerStatus;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.StoreStatus;

/**
 * One Weld SE container with {@link GuardedBean} and exactly one fault-tolerance implementation (or none),
 * checked to be the one that intercepts. Discovery is off: the container holds the bean class and the
 * extensions given here, nothing found on the class path.
 *
 * <ul>
 * <li>{@code none}: no fault-tolerance extension;
 * <li>{@code memory}: Resilient Circuit's extension, no {@code rc.*} setting: the in-memory store;
 * <li>{@code postgres}: Resilient Circuit's extension with {@code rc.db.*} on the given server,
 * {@code rc.schema.create=true} and a scratch {@code rc.namespace} (its rows are deleted by {@link #close()});
 * <li>{@code smallrye}: SmallRye Fault Tolerance's extension, and SmallRye Config's CDI extension, which it
 * needs for its {@code @ConfigProperty} injection points;
 * <li>{@code floor}: no fault-tolerance extension, and {@link FloorInterceptor} as a bean class, the only
 * container in which it exists (so the only one where {@link FloorBinding} intercepts).
 * </ul>
 *
 * The settings are system properties, set before the container starts and removed when it stops, with
 * MicroProfile Config's cached configuration released both times.
 */
public final class BenchContainer implements AutoCloseable {

    /** The breaker key Resilient Circuit gives {@link GuardedBean#failing()}. */
    static final String FAILING_KEY = GuardedBean.class.getName() + "#failing()";

    private static final long POSTGRES_WAIT_MILLIS = 15_000;

    private final Implementation implementation;
    private final List<String> properties;
    private final PostgresTarget postgres;
    private final String namespace;
    private WeldContainer container;
    private GuardedBean bean;

    private BenchContainer(Implementation implementation, List<String> properties, PostgresTarget postgres,
            String namespace) {
        this.implementation = implementation;
        this.properties = properties;
        this.postgres = postgres;
        this.namespace = namespace;
    }

    /** Starts a container for {@code implementation}; {@code jdbcUrl} is used by {@code postgres} only. */
    public static BenchContainer start(Implementation implementation, String jdbcUrl) {
        Map<String, String> settings = new LinkedHashMap<>();
        PostgresTarget postgres = null;
        String namespace = null;
        if (implementation == Implementation.POSTGRES) {
            postgres = PostgresTarget.parse(jdbcUrl);
            namespace = "jmh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            settings.putAll(postgres.settings());
            settings.put("rc.schema.create", "true");
            settings.put("rc.namespace", namespace);
            settings.put("rc.instance", "jmh/" + ProcessHandle.current().pid());
        }
        List<String> set = new ArrayList<>();
        BenchContainer started = new BenchContainer(implementation, set, postgres, namespace);
        try {
            settings.forEach((key, value) -> {
                if (System.getProperty(key) != null) {
                    throw new IllegalStateException("system property " + key + " is already set");
                }
                System.setProperty(key, value);
                set.add(key);
            });
            releaseConfig();
            started.boot();
            started.verify();
            return started;
        } catch (RuntimeException | Error failed) {
            try {
                started.close();
            } catch (RuntimeException suppressed) {
                failed.addSuppressed(suppressed);
            }
            throw failed;
        }
    }

    private void boot() {
        List<Extension> extensions = new ArrayList<>();
        switch (implementation) {
            case NONE, FLOOR -> {
            }
            case MEMORY, POSTGRES -> extensions.add(new org.resilientcircuit.cdi.FaultToleranceExtension());
            case SMALLRYE -> {
                // No metrics, named explicitly: by default it would record to every metrics API on the class path,
                // and the deployment benchmark puts MicroProfile Metrics and OpenTelemetry there.
                extensions.add(new io.smallrye.faulttolerance.FaultToleranceExtension(
                        io.smallrye.faulttolerance.metrics.MetricsIntegration.NOOP));
                extensions.add(new io.smallrye.config.inject.ConfigExtension());
            }
        }
        Weld weld = new Weld("rc-jmh-" + implementation.parameter() + "-" + UUID.randomUUID())
                .disableDiscovery()
                .setResourceLoader(new ExtensionFilteringResourceLoader(
                        ExtensionFilteringResourceLoader.FAULT_TOLERANCE_EXTENSIONS))
                .addBeanClasses(GuardedBean.class)
                .addExtensions(extensions.toArray(Extension[]::new));
        if (implementation == Implementation.FLOOR) {
            weld.addBeanClasses(FloorInterceptor.class); // enabled by its @Priority
        }
        container = weld.initialize();
        bean = container.select(GuardedBean.class).get();
    }

    /** Fails unless the implementation under test, and no other, acts on the bean's annotations. */
    private void verify() {
        List<String> interceptors = bean.interceptedBy();
        String expected = implementation.interceptor();
        List<String> wanted = expected == null ? List.of() : List.of(expected);
        if (!interceptors.equals(wanted)) {
            throw new IllegalStateException("implementation " + implementation.parameter() + ": expected the interceptors "
                    + wanted + " on the stack of a guarded call, found " + interceptors);
        }
        for (Policy policy : Policy.values()) {
            String result = policy.call(bean);
            if (!GuardedBean.RESULT.equals(result)) {
                throw new IllegalStateException(policy.parameter() + " returned " + result);
            }
        }
        if (implementation == Implementation.MEMORY || implementation == Implementation.POSTGRES) {
            StoreStatus store = breakers().store();
            boolean postgresStore = store.description().startsWith("PostgreSQL");
            if (postgresStore != (implementation == Implementation.POSTGRES)) {
                throw new IllegalStateException("implementation " + implementation.parameter() + " runs on the wrong store: "
                        + store.description() + " (is rc.datasource or rc.db.host set in the environment?)");
            }
            if (store.degraded()) {
                throw new IllegalStateException("the store is degraded: " + store);
            }
        }
    }

    /** The bean, through its client proxy. */
    public GuardedBean bean() {
        return bean;
    }

    public Implementation implementation() {
        return implementation;
    }

    /** The scratch namespace of a {@code postgres} container. */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    /** The maintenance API of Resilient Circuit ({@code memory} and {@code postgres} only). */
    public CircuitBreakers breakers() {
        return container.select(CircuitBreakers.class).get();
    }

    /**
     * Opens the breaker of {@link GuardedBean#failing()} (delay one hour) with failing calls and checks that it
     * rejects: for Resilient Circuit in its own view too, and for {@code postgres} in the database as well.
     *
     * @return the failing calls it took
     */
    public int openFailingBreaker() {
        int failures = 0;
        while (!rejects()) {
            if (++failures > 10 * GuardedBean.FAILURES_TO_OPEN) {
                throw new IllegalStateException("the breaker of failing() did not open after " + failures + " failures");
            }
        }
        if (failures != GuardedBean.FAILURES_TO_OPEN) {
            throw new IllegalStateException("the breaker of failing() opened after " + failures + " failures, expected "
                    + GuardedBean.FAILURES_TO_OPEN);
        }
        if (!rejects()) {
            throw new IllegalStateException("the breaker of failing() rejected one call, then let one through");
        }
        if (implementation == Implementation.MEMORY || implementation == Implementation.POSTGRES) {
            BreakerStatus status = breakers().status(FAILING_KEY)
                    .orElseThrow(() -> new IllegalStateException("no breaker " + FAILING_KEY));
            if (status.phase() != BreakerPhase.OPEN) {
                throw new IllegalStateException("breaker " + FAILING_KEY + " rejects but is " + status);
            }
        }
        if (implementation == Implementation.POSTGRES) {
            awaitOpenInDatabase();
        }
        return failures;
    }

    /** Calls {@link GuardedBean#failing()}: true if rejected by its open breaker, false if its body ran and failed. */
    private boolean rejects() {
        try {
            bean.failing();
        } catch (CircuitBreakerOpenException rejected) {
            return true;
        } catch (IllegalStateException failed) {
            return false;
        }
        throw new IllegalStateException("GuardedBean.failing returned");
    }

    private void awaitOpenInDatabase() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POSTGRES_WAIT_MILLIS);
        Optional<String> state;
        do {
            state = postgres.state(namespace, FAILING_KEY);
            if (state.isPresent() && state.get().toUpperCase(Locale.ROOT).equals(BreakerPhase.OPEN.name())) {
                return;
            }
            sleep(20);
        } while (System.nanoTime() - deadline < 0);
        throw new IllegalStateException("breaker " + FAILING_KEY + " is open here but the database of " + postgres
                + " holds " + state.orElse("no row") + " in namespace " + namespace + " after " + POSTGRES_WAIT_MILLIS
                + " ms");
    }

    /** Stops the container, removes the settings and, for {@code postgres}, the namespace's rows. */
    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            if (container != null && container.isRunning()) {
                container.shutdown();
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            container = null;
            bean = null;
            properties.forEach(System::clearProperty);
            properties.clear();
            releaseConfig();
        }
        if (postgres != null) {
            try {
                postgres.deleteNamespace(namespace);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void releaseConfig() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "BenchContainer[" + implementation.parameter() + (postgres == null ? "" : ", " + postgres + ", namespace "
                + namespace) + "]";
    }
}
