package org.resilientcircuit.example;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated remote service (the payment gateway, the inventory service): every call waits
 * {@code latencyMillis} and then fails with probability {@code failureRate}. Both are set at run
 * time through {@code PUT /api/downstreams/{name}}; {@code failureRate} 0 never fails, 1 always does.
 */
public final class Downstream {

    private final String name;
    private volatile double failureRate;
    private volatile long latencyMillis;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    Downstream(String name) {
        this.name = name;
    }

    /** One request to the service; throws {@link DownstreamException} when the simulation says it fails. */
    public void call(String what) {
        calls.incrementAndGet();
        long latency = latencyMillis;
        if (latency > 0) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException interrupted) {
                // a @Timeout gave up on this call
                Thread.currentThread().interrupt();
                failures.incrementAndGet();
                throw new DownstreamException(name + ": " + what + " interrupted after waiting for the answer");
            }
        }
        double rate = failureRate;
        if (rate > 0 && (rate >= 1 || ThreadLocalRandom.current().nextDouble() < rate)) {
            failures.incrementAndGet();
            throw new DownstreamException(name + ": " + what + " failed (503 Service Unavailable)");
        }
    }

    public String name() {
        return name;
    }

    public double failureRate() {
        return failureRate;
    }

    public long latencyMillis() {
        return latencyMillis;
    }

    public long calls() {
        return calls.get();
    }

    public long failures() {
        return failures.get();
    }

    public void configure(Double newFailureRate, Long newLatencyMillis) {
        if (newFailureRate != null) {
            if (!(newFailureRate >= 0 && newFailureRate <= 1)) {
                throw new IllegalArgumentException("failureRate must be between 0 and 1, was " + newFailureRate);
            }
            failureRate = newFailureRate;
        }
        if (newLatencyMillis != null) {
            if (newLatencyMillis < 0 || newLatencyMillis > 60_000) {
                throw new IllegalArgumentException("latencyMillis must be between 0 and 60000, was " + newLatencyMillis);
            }
            latencyMillis = newLatencyMillis;
        }
    }

    void resetCounts() {
        calls.set(0);
        failures.set(0);
    }
}
