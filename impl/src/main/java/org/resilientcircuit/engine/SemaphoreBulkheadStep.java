package org.resilientcircuit.engine;

import java.util.concurrent.Semaphore;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/** {@code @Bulkhead} on a synchronous method: at most {@code value} concurrent calls, no queue. */
public final class SemaphoreBulkheadStep implements Step {

    private final Semaphore permits;
    private final String name;
    private final MethodMetrics metrics;
    private final Ticker ticker;
    private final boolean metered;
    private final Step next;

    public SemaphoreBulkheadStep(String name, int value, Step next) {
        this(name, value, MethodMetrics.NONE, Ticker.SYSTEM, next);
    }

    public SemaphoreBulkheadStep(String name, int value, MethodMetrics metrics, Ticker ticker, Step next) {
        this.name = name;
        this.permits = new Semaphore(value);
        this.metrics = metrics;
        this.ticker = ticker;
        this.metered = metrics != MethodMetrics.NONE;
        this.next = next;
    }

    @Override
    public Object invoke(Call call) throws Exception {
        if (!permits.tryAcquire()) {
            metrics.bulkheadCall(false);
            throw new BulkheadException("bulkhead " + name + " is full");
        }
        long start = 0;
        if (metered) {
            metrics.bulkheadCall(true);
            metrics.bulkheadStarted();
            start = ticker.nanoTime();
        }
        try {
            return next.invoke(call);
        } finally {
            if (metered) {
                metrics.bulkheadFinished(ticker.nanoTime() - start);
            }
            permits.release();
        }
    }
}
