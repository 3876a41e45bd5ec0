package org.resilientcircuit.cdi.threads;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

import org.resilientcircuit.engine.ContextCapture;
import org.resilientcircuit.engine.LibraryThreads;

/**
 * What a deployment runs on: the executions' and timers' threads, how the caller's context is
 * captured, what makes the store's threads, and words saying which is which for the log.
 *
 * @param placement which threads run what, in words
 * @param contextSource what carries the caller's context, in words
 */
public record Threads(LibraryThreads scheduler, ContextCapture context, ThreadFactory threadFactory,
        String placement, String contextSource) implements AutoCloseable {

    /** One sentence for the log: which threads, and what carries the caller's context. */
    public String description() {
        return "Resilient Circuit runs " + placement + "; the caller's context travels through " + contextSource;
    }

    /**
     * The same threads with the caller's context captured by {@code capture} instead. The caller's
     * class loader still travels: the library's own threads are shared by every caller, and a
     * capture that leaves the loader alone would run the work with whichever loader the thread has.
     */
    Threads capturedBy(ContextCapture capture, String source) {
        ContextCapture withLoader = () -> {
            Executor outer = capture.capture();
            Executor loader = ContextCapture.CLASS_LOADER.capture();
            return task -> outer.execute(() -> loader.execute(task));
        };
        return new Threads(scheduler, withLoader, threadFactory, placement, source);
    }

    /** Stops the library's own threads (the container's are the container's). */
    @Override
    public void close() {
        scheduler.close();
    }
}
