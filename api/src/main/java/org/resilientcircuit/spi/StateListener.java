package org.resilientcircuit.spi;

/** Told by a store when a key it tracks changed elsewhere (another instance, an operator, a reconnect). */
@FunctionalInterface
public interface StateListener {

    /** Called on a store thread; must return quickly and never throw. */
    void stateChanged(BreakerState state);
}
