package org.resilientcircuit.spi;

/** The three states of a circuit breaker, spelled as the {@code state} column of {@code rc_circuit_breakers}. */
public enum BreakerPhase {
    CLOSED,
    OPEN,
    HALF_OPEN
}
