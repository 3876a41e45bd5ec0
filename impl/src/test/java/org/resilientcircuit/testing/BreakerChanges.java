package org.resilientcircuit.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.resilientcircuit.api.BreakerStateChanged;

/** A bean for weld-junit5 tests that records every {@link BreakerStateChanged} event, in order. */
@ApplicationScoped
public class BreakerChanges {

    private final List<BreakerStateChanged> seen = new CopyOnWriteArrayList<>();

    void record(@Observes BreakerStateChanged change) {
        seen.add(change);
    }

    public List<BreakerStateChanged> seen() {
        return seen;
    }
}
