package org.resilientcircuit.engine;

import org.resilientcircuit.spi.BreakerState;

/** Told of every change of a breaker's local view, whether this instance made it or adopted it. */
@FunctionalInterface
public interface BreakerObserver {

    BreakerObserver NONE = (key, from, to) -> {
    };

    void changed(String key, BreakerState from, BreakerState to);

    /**
     * The same, with why the breaker changed: {@code 3 failures in 4 calls, ratio 0.75 >= 0.5},
     * {@code delay of 5000 ms elapsed}, {@code probe succeeded (2 of 2)},
     * {@code probe failed: java.io.IOException}, {@code reset by operator}, {@code opened by operator},
     * {@code made by <instance>} for a change that came from the store. The breaker calls this one;
     * by default it forwards to {@link #changed(String, BreakerState, BreakerState)}.
     */
    default void changed(String key, BreakerState from, BreakerState to, String reason) {
        changed(key, from, to);
    }
}
