package org.resilientcircuit.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.resilientcircuit.spi.StoreStatus;

/**
 * The maintenance API, injectable as a CDI bean: read every breaker of this application, close one,
 * or hold one open. A change made here travels like any transition: with a shared store it reaches
 * every instance.
 */
public interface CircuitBreakers {

    /** Whether breaker state is shared right now, or this instance runs on local state (degraded). */
    StoreStatus store();

    /** Every breaker this application uses, by key. */
    List<BreakerStatus> all();

    Optional<BreakerStatus> status(String key);

    /**
     * Closes the breaker and empties its window.
     *
     * @throws IllegalArgumentException if this application has no breaker {@code key}
     */
    BreakerStatus reset(String key);

    /**
     * Opens the breaker for {@code duration}; calls are rejected until it ends and a probe succeeds.
     *
     * @throws IllegalArgumentException if this application has no breaker {@code key}, or the duration is negative
     */
    BreakerStatus open(String key, Duration duration);
}
