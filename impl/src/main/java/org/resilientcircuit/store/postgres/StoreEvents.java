package org.resilientcircuit.store.postgres;

import java.util.Objects;

import org.resilientcircuit.spi.StoreObserver;

/**
 * Where the store's threads report what the database did. The runtime sets the observer after the
 * store starts, so events before that go nowhere; a volatile read is all an event costs.
 */
final class StoreEvents {

    private volatile StoreObserver observer = StoreObserver.NONE;

    void observe(StoreObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    StoreObserver observer() {
        return observer;
    }

    /** Reports a round trip that started at {@code startNanos} and has just completed. */
    void roundTrip(long startNanos) {
        observer.roundTrip(System.nanoTime() - startNanos);
    }
}
