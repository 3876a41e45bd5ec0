package org.resilientcircuit.engine;

/**
 * One invocation of a guarded method as it travels through the chain: the invocation to repeat,
 * and for asynchronous calls the thread currently running it, so that a timeout or a cancellation
 * can interrupt exactly that execution.
 */
public final class Call {

    private final Invocation invocation;
    private Thread runner;
    private volatile boolean cancelled;

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

    /** Stops the call: no further attempt starts, and the running one is interrupted if asked. */
    public void cancel(boolean interrupt) {
        cancelled = true;
        if (interrupt) {
            interruptRunner();
        }
    }

    synchronized void enter(Thread thread) {
        runner = thread;
    }

    /** Clears the runner under the same lock as {@link #interruptRunner()}, so no interrupt lands on a reused thread. */
    synchronized void exit() {
        runner = null;
        Thread.interrupted();
    }

    synchronized void interruptRunner() {
        if (runner != null) {
            runner.interrupt();
        }
    }
}
