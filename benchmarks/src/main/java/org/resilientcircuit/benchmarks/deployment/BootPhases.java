package org.resilientcircuit.benchmarks.deployment;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Timestamps ({@code System.nanoTime()}) of the container's life-cycle events around the library's own
 * work, so that a boot splits into: bootstrap until discovery starts; discovery and validation (Weld's
 * work, and the extension reading every guarded method as its bean is processed); and the
 * {@code AfterDeploymentValidation} observers, where the library builds every chain, breaker and metric.
 * The observers run first and last of their event (their priorities), so they bracket every other one.
 */
public final class BootPhases implements Extension {

    // Not Integer.MIN_VALUE and MAX_VALUE: with those, Weld 5 ran both observers back to back (0 ms between).
    private static final int FIRST = -1_000_000;
    private static final int LAST = 1_000_000;

    private volatile long discoveryStarted;
    private volatile long validationObserversStarted;
    private volatile long validationObserversEnded;

    void discovery(@Observes @Priority(FIRST) BeforeBeanDiscovery event) {
        discoveryStarted = System.nanoTime();
    }

    void first(@Observes @Priority(FIRST) AfterDeploymentValidation event) {
        validationObserversStarted = System.nanoTime();
    }

    void last(@Observes @Priority(LAST) AfterDeploymentValidation event) {
        validationObserversEnded = System.nanoTime();
    }

    long discoveryStarted() {
        return discoveryStarted;
    }

    long validationObserversStarted() {
        return validationObserversStarted;
    }

    long validationObserversEnded() {
        return validationObserversEnded;
    }
}
