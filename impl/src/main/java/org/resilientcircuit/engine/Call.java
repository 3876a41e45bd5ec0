package org.resilientcircuit.engine;

/**
 * One invocation of a guarded method as it travels through the chain: the invocation to repeat and,
 * for asynchronous methods, its current attempt, so that a timeout or a cancellation reaches exactly
 * the execution it concerns.
 */
public final class Call {

    private final Invocation invocation;
    private volatile Attempt current = new Attempt();
    private volatile boolean cancelled;
    private volatile boolean fallbackApplied;

    public Call(Invocation invocation) {
        this.invocation = invocation;
    }

    public Object proceed() throws Exception {
        return invocation.proceed();
    }

    public Invocation invocation() {
        return invocation;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Stops the call: no further attempt starts, and the current one is abandoned. */
    public void cancel(boolean interrupt) {
        cancelled = true;
        current.abandon(interrupt);
    }

    /** Whether a fallback produced (or tried to produce) this call's outcome. */
    public boolean fallbackApplied() {
        return fallbackApplied;
    }

    void applyingFallback() {
        fallbackApplied = true;
    }

    /** Starts a new attempt that can be abandoned on its own (by its timeout). */
    Attempt beginAttempt() {
        Attempt attempt = new Attempt();
        current = attempt;
        return attempt;
    }

    Attempt currentAttempt() {
        return current;
    }
}
