package org.resilientcircuit.engine;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The caller's context, captured when an asynchronous call starts, is where every piece of the call
 * runs: the first attempt, an attempt that waited in a bulkhead queue and is started by another
 * call's thread, a retry started by the timer. The context here is a thread-local that the library's
 * worker threads never have of their own, as the container's naming context is.
 */
class CallersContextTest {

    private static final ThreadLocal<String> CALLER = new ThreadLocal<>();

    /** Captures the caller's thread-local; runs a task with it set, and restores what was there. */
    private static final ContextCapture CAPTURE = () -> {
        String captured = CALLER.get();
        return task -> {
            String before = CALLER.get();
            CALLER.set(captured);
            try {
                task.run();
            } finally {
                CALLER.set(before);
            }
        };
    };

    private final LibraryThreads threads = new LibraryThreads("callers-context-test");
    private final ChainBuilder builder = new ChainBuilder(threads, Ticker.SYSTEM, ContextActivator.NONE);

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    @Test
    void everyRetriedAttemptRunsInTheCallersContext() throws Exception {
        RetrySettings retry = new RetrySettings(3, Backoffs.exponential(1, 1, 1), 0, 0, ExceptionFilter.all());
        AsyncStep chain = builder.async(new MethodPolicies("retried", true, true, null, retry, null, 5000L, null));
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();

        Object value = callAs("alice", chain, () -> {
            seen.add(CALLER.get());
            if (attempts.incrementAndGet() < 4) {
                throw new IOException("attempt " + attempts.get() + " fails");
            }
            return CompletableFuture.completedFuture("done");
        }).get(10, SECONDS);

        assertEquals("done", value);
        assertEquals(List.of("alice", "alice", "alice", "alice"), seen);
    }

    @Test
    void aQueuedExecutionStartedByAnotherCallsThreadRunsInItsOwnCallersContext() throws Exception {
        AsyncStep chain = builder.async(new MethodPolicies("bulkhead", true, true, null, null, null, null,
                new MethodPolicies.BulkheadSettings(1, 1)));
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();

        CompletableFuture<Object> first = callAs("alice", chain, () -> {
            seen.add(CALLER.get());
            release.await(10, SECONDS);
            return CompletableFuture.completedFuture("first");
        });
        awaitSize(seen, 1);
        CompletableFuture<Object> second = callAs("bob", chain, () -> {
            seen.add(CALLER.get());
            return CompletableFuture.completedFuture("second");
        });
        assertFalse(second.isDone(), "bob waits in the queue");
        release.countDown(); // alice's thread hands its place to bob's execution

        assertEquals("first", first.get(10, SECONDS));
        assertEquals("second", second.get(10, SECONDS));
        assertEquals(List.of("alice", "bob"), seen);
    }

    @Test
    void whatFollowsATimeoutRunsInTheCallersContext() throws Exception {
        AsyncStep timed = builder.async(new MethodPolicies("timed", true, true, null, null, null, 50L, null));
        CountDownLatch never = new CountDownLatch(1);
        CompletableFuture<String> after = new CompletableFuture<>();

        callAs("carol", timed, () -> {
            never.await(10, SECONDS);
            return CompletableFuture.completedFuture("late");
        }).whenComplete((value, failure) -> after.complete(CALLER.get() + " after " + failure.getClass().getSimpleName()));

        assertEquals("carol after TimeoutException", after.get(10, SECONDS));
        never.countDown();
    }

    @Test
    void theLibrarysOwnThreadsRunWithTheCallersClassLoader() throws Exception {
        AsyncStep chain = builder.async(new MethodPolicies("loader", true, true, null, null, null, null, null));
        ClassLoader workers = onWorker(); // the worker exists before the caller comes: it has a loader of its own
        ClassLoader callers = new ClassLoader(getClass().getClassLoader()) {
        };
        Thread caller = Thread.currentThread();
        ClassLoader before = caller.getContextClassLoader();
        CompletableFuture<Object> seen;
        caller.setContextClassLoader(callers);
        try {
            seen = chain.invoke(new Call(() -> CompletableFuture.completedFuture(
                    Thread.currentThread().getContextClassLoader()), ContextCapture.CLASS_LOADER.capture()))
                    .toCompletableFuture();
        } finally {
            caller.setContextClassLoader(before);
        }
        assertSame(callers, seen.get(10, SECONDS));
        assertNotSame(callers, workers);
        assertSame(workers, onWorker(), "the worker's own loader is restored");
    }

    @Test
    void aWorkerMadeForACallerKeepsTheLibrarysLoaderNotTheCallers() throws Exception {
        ClassLoader library = Thread.currentThread().getContextClassLoader();
        Thread caller = Thread.currentThread();
        caller.setContextClassLoader(new ClassLoader(library) {
        });
        CompletableFuture<ClassLoader> own = new CompletableFuture<>();
        try {
            // the pool is empty: this caller's task makes the first worker
            threads.execute(() -> own.complete(Thread.currentThread().getContextClassLoader()));
        } finally {
            caller.setContextClassLoader(library);
        }
        assertSame(library, own.get(10, SECONDS));
    }

    /** The context class loader of an idle worker thread. */
    private ClassLoader onWorker() throws Exception {
        CompletableFuture<ClassLoader> loader = new CompletableFuture<>();
        threads.execute(() -> loader.complete(Thread.currentThread().getContextClassLoader()));
        return loader.get(10, SECONDS);
    }

    /** Starts the call on this thread as {@code who}, as a container would have its caller's context set. */
    private static CompletableFuture<Object> callAs(String who, AsyncStep chain, Invocation method) {
        CALLER.set(who);
        try {
            Executor context = CAPTURE.capture();
            return chain.invoke(new Call(method, context)).toCompletableFuture();
        } finally {
            CALLER.remove();
        }
    }

    private static void awaitSize(List<String> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + SECONDS.toNanos(10);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(size, list.size());
    }
}
