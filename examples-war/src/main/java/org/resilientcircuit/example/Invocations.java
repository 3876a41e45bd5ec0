package org.resilientcircuit.example;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How often each guarded method's body ran on this instance (a call rejected by an open breaker
 * never gets there), and how often each fallback ran. Read by the tests through {@code /api/instance/counters}.
 */
@ApplicationScoped
public class Invocations {

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public long count(String name) {
        return counters.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
    }

    public long get(String name) {
        AtomicLong counter = counters.get(name);
        return counter == null ? 0 : counter.get();
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
