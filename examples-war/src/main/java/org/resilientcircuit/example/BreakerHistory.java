package org.resilientcircuit.example;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.resilientcircuit.api.BreakerStateChanged;

/** The latest changes of breakers as this instance saw them (its own and the fleet's), from the CDI event. */
@ApplicationScoped
public class BreakerHistory {

    private static final int KEPT = 30;

    /** One change, stamped with this instance's clock. */
    public record Change(Instant at, BreakerStateChanged event) {
    }

    private final Deque<Change> changes = new ArrayDeque<>();

    void record(@Observes BreakerStateChanged event) {
        synchronized (changes) {
            changes.addFirst(new Change(Instant.now(), event));
            while (changes.size() > KEPT) {
                changes.removeLast();
            }
        }
    }

    /** Newest first. */
    public List<Change> latest() {
        synchronized (changes) {
            return List.copyOf(changes);
        }
    }
}
