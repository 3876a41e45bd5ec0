package org.resilientcircuit.engine;

/** The delay before a retry, before jitter is added. */
@FunctionalInterface
public interface Backoff {

    /**
     * @param retry 1 for the first retry, 2 for the second, ...
     * @param lastFailure what the attempt before it threw
     * @return the delay in milliseconds, >= 0
     */
    long delayMillis(int retry, Throwable lastFailure);

    static Backoff fixed(long delayMillis) {
        return (retry, lastFailure) -> delayMillis;
    }
}
