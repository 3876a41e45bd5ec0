package org.resilientcircuit.engine;

import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/** The library's threads as the engine sees them: run now, or run later. */
public interface Scheduler extends Executor {

    /** Runs {@code task} after {@code delayNanos} on a worker thread (not the timer's own thread). */
    Future<?> schedule(Runnable task, long delayNanos);
}
