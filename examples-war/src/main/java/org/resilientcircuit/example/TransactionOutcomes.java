package org.resilientcircuit.example;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Counts how the container's transactions of the order service ended: committed or rolled back. */
@ApplicationScoped
public class TransactionOutcomes {

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    /** Counts the outcome of the caller's transaction once it completes; requires an active transaction. */
    public void track(TransactionSynchronizationRegistry registry, String name) {
        if (registry.getTransactionKey() == null) {
            throw new IllegalStateException(name + " must run in a transaction");
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                String outcome = status == Status.STATUS_COMMITTED ? "committed" : "rolledBack";
                counters.computeIfAbsent(name + "." + outcome, k -> new AtomicLong()).incrementAndGet();
            }
        });
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> result = new TreeMap<>();
        counters.forEach((name, counter) -> result.put(name, counter.get()));
        return result;
    }

    public void reset() {
        counters.clear();
    }
}
