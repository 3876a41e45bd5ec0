package org.resilientcircuit.api;

import java.time.Duration;

import org.resilientcircuit.spi.BreakerPhase;

/**
 * A CDI event fired on every change of a breaker's state as this instance sees it: a transition it
 * made, or one it learned of from another instance, the command line or an operator. Observers run
 * one at a time, in order, on a library thread, never on the guarded call's thread. The event is
 * fired synchronously on that thread: observe it with {@code @Observes} ({@code @ObservesAsync}
 * observers are not notified). An observer that throws is logged at WARNING; the breaker is not
 * affected and later events are still fired. Every change is also logged once at INFO.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class BreakerAlerts {
 *     void changed(@Observes BreakerStateChanged change) {
 *         if (change.to() == BreakerPhase.OPEN && change.local()) {
 *             pager.send("breaker " + change.key() + " opened: " + change.reason()
 *                     + "; a probe may start in " + change.remaining());
 *         }
 *     }
 * }
 * }</pre>
 *
 * @param key the breaker's key
 * @param from the state before
 * @param to the state after
 * @param version the row's version after the change
 * @param changedBy the instance that made the change
 * @param local whether this instance made it
 * @param remaining for OPEN, the time until a probe may start; for HALF_OPEN, the prober's lease
 * @param reason why it changed, for people: {@code 3 failures in 4 calls, ratio 0.75 >= 0.5},
 *     {@code delay of 5000 ms elapsed}, {@code probe succeeded (2 of 2)},
 *     {@code probe failed: java.io.IOException}, {@code reset by operator}, {@code opened by operator},
 *     or {@code made by <instance>} for a change this instance learned of from the store
 */
public record BreakerStateChanged(String key, BreakerPhase from, BreakerPhase to, long version, String changedBy,
        boolean local, Duration remaining, String reason) {
}
