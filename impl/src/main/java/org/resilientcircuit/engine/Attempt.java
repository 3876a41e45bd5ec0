package org.resilientcircuit.engine;

/**
 * One execution of an asynchronous guarded method within a call (a retry makes a new one). It can
 * be abandoned, by its timeout or by cancellation: if it is still waiting in a bulkhead queue it
 * leaves the queue and never starts; if it is running, its thread is interrupted when asked.
 */
final class Attempt {

    private Thread runner;
    private boolean abandoned;
    private Runnable leaveQueue;

    /** @return false if the attempt was abandoned before it could start */
    synchronized boolean enter(Thread thread) {
        leaveQueue = null;
        if (abandoned) {
            return false;
        }
        runner = thread;
        return true;
    }

    /** Clears the runner under the same lock as {@link #abandon}, so no interrupt lands on a reused thread. */
    synchronized void exit() {
        runner = null;
        Thread.interrupted();
    }

    /** While the attempt waits in a bulkhead queue: how to take it out if it is abandoned. */
    synchronized void whileQueued(Runnable leave) {
        leaveQueue = leave;
    }

    void abandon(boolean interrupt) {
        Runnable leave;
        synchronized (this) {
            abandoned = true;
            if (interrupt && runner != null) {
                runner.interrupt();
            }
            leave = leaveQueue;
            leaveQueue = null;
        }
        if (leave != null) {
            leave.run();
        }
    }
}
