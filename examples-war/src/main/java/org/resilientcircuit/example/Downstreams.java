package org.resilientcircuit.example;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** The simulated services this instance talks to; each instance has its own (set them per instance). */
@ApplicationScoped
public class Downstreams {

    public static final String PAYMENT = "payment";
    public static final String INVENTORY = "inventory";

    private final Downstream payment = new Downstream(PAYMENT);
    private final Downstream inventory = new Downstream(INVENTORY);

    public Downstream payment() {
        return payment;
    }

    public Downstream inventory() {
        return inventory;
    }

    public List<Downstream> all() {
        return List.of(payment, inventory);
    }

    public Optional<Downstream> byName(String name) {
        return all().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Back to healthy: no failures, no latency, counts at zero. */
    public void reset() {
        all().forEach(d -> {
            d.configure(0.0, 0L);
            d.resetCounts();
        });
    }
}
