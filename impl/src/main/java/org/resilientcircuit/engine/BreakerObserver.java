package org.resilientcircuit.engine;

import org.resilientcircuit.spi.BreakerState;

/** Told of every change of a breaker's local view, whether this instance made it or adopted it. */
@FunctionalInterface
public interface BreakerObserver {

    BreakerObserver NONE = (key, from, to) -> {
    };

    void changed(String key, BreakerState from, BreakerState to);
}
