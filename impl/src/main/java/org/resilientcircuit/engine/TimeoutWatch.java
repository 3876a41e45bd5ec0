package org.resilientcircuit.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The race between a synchronous call finishing and its timeout firing. Whichever side wins the
 * compare-and-set decides the outcome; the timer interrupts only if it won, and the caller that lost
 * waits until that interrupt has landed before clearing it, so no interrupt leaks past the call.
 */
final class TimeoutWatch implements Runnable {

    private static final int RUNNING = 0;
    private static final int INTERRUPTING = 1;
    private static final int TIMED_OUT = 2;
    private static final int FINISHED = 3;

    private final Thread caller;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    TimeoutWatch(Thread caller) {
        this.caller = caller;
    }

    @Override
    public void run() {
        if (state.compareAndSet(RUNNING, INTERRUPTING)) {
            caller.interrupt();
            state.set(TIMED_OUT);
        }
    }

    /** @return true if the call finished in time; false if the timeout fired (its interrupt cleared) */
    boolean finish() {
        if (state.compareAndSet(RUNNING, FINISHED)) {
            return true;
        }
        while (state.get() == INTERRUPTING) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        return false;
    }
}
