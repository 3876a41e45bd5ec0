package org.resilientcircuit.fleet;

import jakarta.enterprise.inject.se.SeContainer;

import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.spi.StoreStatus;

/** The store's health of a running container, through the public maintenance API. */
final class Internals {

    private Internals() {
    }

    static StoreStatus store(SeContainer container) {
        return container.select(CircuitBreakers.class).get().store();
    }
}
