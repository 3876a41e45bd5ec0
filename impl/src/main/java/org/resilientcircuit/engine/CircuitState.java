package org.resilientcircuit.engine;

import org.resilientcircuit.spi.BreakerState;

/**
 * The local view of one phase of a breaker. A breaker swaps these immutable-identity objects by
 * compare-and-set; an outcome is recorded against the phase that admitted the call, so a call that
 * started before a transition cannot move the phase that followed it.
 */
abstract sealed class CircuitState permits ClosedState, OpenState, HalfOpenState {

    private final BreakerState stored;
    private final PhaseClock clock;

    CircuitState(BreakerState stored, PhaseClock clock) {
        this.stored = stored;
        this.clock = clock;
    }

    /** Time spent in each phase until this state began, for the metrics. */
    final PhaseClock clock() {
        return clock;
    }

    /** The state as the store knows it (or will, once the transition is written). */
    final BreakerState stored() {
        return stored;
    }

    /** @return the phase that admits the call (this one or its successor), or null to reject it */
    abstract CircuitState admit(CircuitBreaker breaker);

    abstract void onSuccess(CircuitBreaker breaker);

    /** @param failure null when a result counted as a failure ({@code @FailureWhen.result}) */
    abstract void onFailure(CircuitBreaker breaker, Throwable failure);
}
