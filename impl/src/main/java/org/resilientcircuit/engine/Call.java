package org.resilientcircuit.engine;

import java.util.concurrent.Executor;

/**
 * One invocation of a guarded method as it travels through the chain: the invocation to repeat and,
 * for asynchronous methods, its current attempt, so that a timeout or a cancellation reaches exactly
 * the execution it concerns.
 */
public final class Call {

    private final Invocation invocation;
    /** Runs a task within the caller's context (captured when the call started). */
    private final Executor callersContext;
    private volatile Attempt current = new Attempt();
    private volatile boolean cancelled;
    private volatile boolean fallbackApplied;

    public Call(Invocation invocation) {
        this(invocation, Runnable::run);
    }

    /** @param callersContext runs a task within the context of the caller, captured on its thread */
    public Call(Invocation invocation, Executor callersContext) {
        this.invocation = invocation;
        this.callersContext = callersContext;
    }

    public Object proceed() throws Exception {
        return invocation.proceed();
    }

    /**
     * Runs {@code task} on the current thread within the caller's context: every piece of the call's
     * work that runs on another thread than the caller's starts through here.
     */
    void inCallersContext(Runnable task) {
        callersContext.execute(task);
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
