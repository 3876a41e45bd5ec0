package org.resilientcircuit.cdi.threads;

import java.util.concurrent.ThreadFactory;

import org.resilientcircuit.engine.ContextCapture;
import org.resilientcircuit.engine.LibraryThreads;

/**
 * What a deployment runs on: the executions' and timers' threads, how the caller's context is
 * captured, what makes the store's threads, and a sentence saying which is which for the log.
 */
public record Threads(LibraryThreads scheduler, ContextCapture context, ThreadFactory threadFactory,
        String description) implements AutoCloseable {

    /** Stops the library's own threads (the container's are the container's). */
    @Override
    public void close() {
        scheduler.close();
    }
}
