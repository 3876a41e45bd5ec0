package org.resilientcircuit.benchmarks.fleet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.resilientcircuit.api.BreakerStateChanged;
import org.resilientcircuit.spi.BreakerPhase;

/**
 * Observes {@link BreakerStateChanged}: when (System.nanoTime()) this member's observers learned that
 * another instance opened the breaker, by row version. The event is fired on the library's event
 * thread after the local view has changed (and after the change is logged), so it comes a little
 * later than the moment the breaker starts rejecting.
 */
@ApplicationScoped
public class EventLog {

    private final Map<Long, Long> remoteOpenings = new ConcurrentHashMap<>();

    void changed(@Observes BreakerStateChanged change) {
        long now = System.nanoTime();
        if (change.to() == BreakerPhase.OPEN && !change.local()) {
            remoteOpenings.putIfAbsent(change.version(), now);
        }
    }

    /** When the event of another instance's opening at {@code version} arrived, or -1. */
    public long remoteOpening(long version) {
        Long at = remoteOpenings.get(version);
        return at == null ? -1 : at;
    }
}
