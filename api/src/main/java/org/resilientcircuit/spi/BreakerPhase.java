package org.resilientcircuit.spi;

/** The three states of a circuit breaker, spelled as the {@code state} column of {@code rc_circuit_breakers}. */
public enum BreakerPhase {

    /** Calls pass, and their outcomes are counted in the rolling window that decides when to open. */
    CLOSED,

    /**
     * Calls are rejected with {@code CircuitBreakerOpenException} until the breaker's delay has
     * elapsed; the first call after that asks for {@link #HALF_OPEN}. No timer moves it on.
     */
    OPEN,

    /**
     * One instance, the prober, admits trial calls (at most {@code successThreshold}) that decide
     * between closing and opening again; every other instance rejects calls until the prober's
     * lease runs out, and may then take over the probe.
     */
    HALF_OPEN
}
