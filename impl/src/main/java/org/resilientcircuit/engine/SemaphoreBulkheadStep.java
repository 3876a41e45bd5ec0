package org.resilientcircuit.engine;

import java.util.concurrent.Semaphore;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/** {@code @Bulkhead} on a synchronous method: at most {@code value} concurrent calls, no queue. */
public final class SemaphoreBulkheadStep implements Step {

    private final Semaphore permits;
    private final String name;
    private final Step next;

    public SemaphoreBulkheadStep(String name, int value, Step next) {
        this.name = name;
        this.permits = new Semaphore(value);
        this.next = next;
    }

    @Override
    public Object invoke(Call call) throws Exception {
        if (!permits.tryAcquire()) {
            throw new BulkheadException("bulkhead " + name + " is full");
        }
        try {
            return next.invoke(call);
        } finally {
            permits.release();
        }
    }
}
