package org.resilientcircuit.engine;

/** Monotonic time in nanoseconds. Tests hand the engine a ticker they move themselves. */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    long nanoTime();
}
