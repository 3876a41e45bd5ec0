package org.resilientcircuit.api;

import java.time.Duration;

import org.resilientcircuit.spi.BreakerPhase;

/**
 * A CDI event fired on every change of a breaker's state as this instance sees it: a transition it
 * made, or one it learned of from another instance, the command line or an operator. Observers run
 * one at a time, in order, on a library thread, never on the guarded call's thread.
 *
 * @param key the breaker's key
 * @param from the state before
 * @param to the state after
 * @param version the row's version after the change
 * @param changedBy the instance that made the change
 * @param local whether this instance made it
 * @param remaining for OPEN, the time until a probe may start; for HALF_OPEN, the prober's lease
 */
public record BreakerStateChanged(String key, BreakerPhase from, BreakerPhase to, long version, String changedBy,
        boolean local, Duration remaining) {
}
