package org.resilientcircuit.engine;

import org.resilientcircuit.spi.BreakerPhase;

/**
 * How long a breaker's local view has spent in each phase, up to the moment it entered its current
 * phase. Immutable: every local state carries the clock of its entry, made from the clock of the
 * state it replaced, so the totals stay exact whatever order concurrent transitions are announced in.
 */
record PhaseClock(BreakerPhase phase, long since, long closedNanos, long openNanos, long halfOpenNanos) {

    static PhaseClock start(BreakerPhase phase, long now) {
        return new PhaseClock(phase, now, 0, 0, 0);
    }

    /** The clock of the phase entered at {@code now}, after this one. */
    PhaseClock enter(BreakerPhase next, long now) {
        long spent = Math.max(0, now - since);
        return new PhaseClock(next, now,
                closedNanos + (phase == BreakerPhase.CLOSED ? spent : 0),
                openNanos + (phase == BreakerPhase.OPEN ? spent : 0),
                halfOpenNanos + (phase == BreakerPhase.HALF_OPEN ? spent : 0));
    }

    /** Total time in {@code which} at {@code now}, the current phase's time so far included. */
    long nanosIn(BreakerPhase which, long now) {
        long total = switch (which) {
            case CLOSED -> closedNanos;
            case OPEN -> openNanos;
            case HALF_OPEN -> halfOpenNanos;
        };
        return which == phase ? total + Math.max(0, now - since) : total;
    }
}
