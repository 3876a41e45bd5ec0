package org.resilientcircuit.cdi.metrics;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.inject.spi.BeanManager;

import org.resilientcircuit.engine.MethodMetrics;
import org.resilientcircuit.spi.StateStore;
import org.resilientcircuit.spi.StoreObserver;

/**
 * The specification's metrics, and our store's, in whichever of MicroProfile Metrics (5.x) and
 * MicroProfile Telemetry (OpenTelemetry metrics) the application server provides: both, one or
 * neither. {@value #ENABLED_KEY}{@code =false} turns them all off.
 *
 * <p>This class refers to no metrics API: the library loads, links and runs without either on the
 * class path. A system is used only when its API is loadable through the library's own class loader
 * and the container has a bean to report to (a {@code @RegistryType(type = BASE) MetricRegistry}; an
 * {@code OpenTelemetry} or a {@code Meter}); only then are the classes that import its API touched.
 * A system that fails to start is logged and left out: metrics never fail a deployment.
 */
public final class FaultToleranceMetrics implements AutoCloseable {

    /** The specification's switch, read once at deployment. */
    public static final String ENABLED_KEY = "MP_Fault_Tolerance_Metrics_Enabled";

    static final String MP_METRICS_REGISTRY = "org.eclipse.microprofile.metrics.MetricRegistry";
    /** Added in MicroProfile Metrics 5.0, the version the registration code is written against. */
    static final String MP_METRICS_5 = "org.eclipse.microprofile.metrics.annotation.RegistryScope";
    static final String OPEN_TELEMETRY = "io.opentelemetry.api.OpenTelemetry";
    static final String OTEL_METER = "io.opentelemetry.api.metrics.Meter";

    private static final System.Logger LOG = System.getLogger(FaultToleranceMetrics.class.getName());

    private final List<MetricsBackend> backends;
    private final String description;
    private boolean closed;

    private FaultToleranceMetrics(List<MetricsBackend> backends, String description) {
        this.backends = backends;
        this.description = description;
    }

    /**
     * The metrics systems available to this deployment.
     *
     * @param enabled the value of {@value #ENABLED_KEY} (true when unset)
     */
    public static FaultToleranceMetrics create(boolean enabled, BeanManager beans) {
        if (!enabled) {
            return new FaultToleranceMetrics(List.of(), "off (" + ENABLED_KEY + "=false)");
        }
        ClassLoader loader = FaultToleranceMetrics.class.getClassLoader();
        List<MetricsBackend> backends = new ArrayList<>(2);
        if (available(loader, MP_METRICS_REGISTRY, MP_METRICS_5)) {
            start("MicroProfile Metrics", MpMetricsBackend::create, beans, backends);
        } else if (available(loader, MP_METRICS_REGISTRY)) {
            LOG.log(Level.INFO, "MicroProfile Metrics is older than 5.0: Resilient Circuit does not report to it");
        }
        if (available(loader, OPEN_TELEMETRY, OTEL_METER)) {
            start("MicroProfile Telemetry", TelemetryBackend::create, beans, backends);
        }
        String description = backends.isEmpty() ? "none available"
                : String.join(" and ", backends.stream().map(MetricsBackend::describe).toList());
        return new FaultToleranceMetrics(List.copyOf(backends), description);
    }

    private static void start(String system, Function<BeanManager, MetricsBackend> factory, BeanManager beans,
            List<MetricsBackend> started) {
        try {
            MetricsBackend backend = factory.apply(beans);
            if (backend == null) {
                LOG.log(Level.DEBUG, "{0} API present, but nothing to report to: no Resilient Circuit metrics there",
                        system);
            } else {
                started.add(backend);
            }
        } catch (RuntimeException | LinkageError unusable) {
            LOG.log(Level.WARNING, "Resilient Circuit cannot report metrics to " + system + "; it goes on without", unusable);
        }
    }

    /** Whether every class named is loadable through {@code loader}. */
    static boolean available(ClassLoader loader, String... classNames) {
        try {
            for (String name : classNames) {
                Class.forName(name, false, loader);
            }
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** Which systems receive the metrics, for the startup log. */
    public String describe() {
        return description;
    }

    /** Whether any system receives metrics. */
    public boolean active() {
        return !backends.isEmpty();
    }

    /**
     * Registers the metrics of {@code method} (MicroProfile Metrics: at the method's first event) and
     * returns what its chain reports to: {@link MethodMetrics#NONE} when no system is active or no
     * policy with metrics applies.
     */
    public MethodMetrics forMethod(MeteredMethod method) {
        if (backends.isEmpty() || !method.metered()) {
            return MethodMetrics.NONE;
        }
        // One result per method, even for methods of one name: the backends share the metrics of a name,
        // and each method must register the groups of its own policies (see MetricsBackend#method).
        MethodMetrics result = null;
        for (MetricsBackend backend : backends) {
            MethodMetrics metrics = backend.method(method);
            result = result == null ? metrics : new CompositeMethodMetrics(result, metrics);
        }
        return result;
    }

    /** Registers the store's metrics; the result is for {@link StateStore#observe}. */
    public StoreObserver storeObserver(StateStore store) {
        StoreObserver result = StoreObserver.NONE;
        for (MetricsBackend backend : backends) {
            StoreObserver observer = backend.store(store);
            result = result == StoreObserver.NONE ? observer : new CompositeStoreObserver(result, observer);
        }
        return result;
    }

    /** Unregisters the deployment's metrics (once; later calls do nothing). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (MetricsBackend backend : backends) {
            try {
                backend.close();
            } catch (RuntimeException | LinkageError failed) {
                LOG.log(Level.DEBUG, "unregistering metrics from " + backend.describe() + " failed", failed);
            }
        }
    }
}
