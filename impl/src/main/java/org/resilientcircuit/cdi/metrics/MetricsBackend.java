package org.resilientcircuit.cdi.metrics;

import org.resilientcircuit.engine.MethodMetrics;
import org.resilientcircuit.spi.StateStore;
import org.resilientcircuit.spi.StoreObserver;

/**
 * One metrics system the library reports to. The implementations are the only classes that import
 * a metrics API; {@link FaultToleranceMetrics} loads one only after checking that its API is there.
 */
interface MetricsBackend {

    /** Which system, for the startup log. */
    String describe();

    /**
     * Registers the metrics of {@code method}, now or at its first event (once per method name: a second
     * method of the same name adds only what the first lacked) and returns what its chain reports to.
     */
    MethodMetrics method(MeteredMethod method);

    /** Registers the store's metrics and returns the observer that feeds them. */
    StoreObserver store(StateStore store);

    /** Unregisters what can be unregistered; the deployment is going away. */
    void close();
}
