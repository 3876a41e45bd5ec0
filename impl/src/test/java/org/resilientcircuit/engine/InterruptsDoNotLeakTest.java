package org.resilientcircuit.engine;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A timeout interrupts the thread running the method, and that interrupt never outlives the call:
 * threads a container lends (here single-thread executors handed to {@link LibraryThreads} as a
 * container's would be) go back to it uninterrupted, whoever won the race. And a timeout fires on
 * time although the container's only worker is busy with the execution that times out.
 */
class InterruptsDoNotLeakTest {

    private final ExecutorService lent = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService lentTimer = Executors.newSingleThreadScheduledExecutor();
    private final LibraryThreads threads = new LibraryThreads(lent, lentTimer, Thread::new, "interrupts-test");

    @AfterEach
    void stop() {
        threads.close();
        assertTrue(!lent.isShutdown() && !lentTimer.isShutdown(), "the container's executors are left to the container");
        lent.shutdownNow();
        lentTimer.shutdownNow();
    }

    @Test
    void aSynchronousTimeoutLeavesTheCallersThreadUninterruptedWhoeverWinsTheRace() throws Exception {
        TimeoutStep step = new TimeoutStep(2, threads, Step.INVOKE);
        CompletableFuture<Integer> leaks = new CompletableFuture<>();
        // the caller is a lent thread too; the method ignores interrupts and ends near the deadline
        lent.execute(() -> {
            int interruptedAfterwards = 0;
            for (int i = 0; i < 300; i++) {
                long busyNanos = (i % 5) * 1_000_000L;
                try {
                    step.invoke(new Call(() -> {
                        LockSupport.parkNanos(busyNanos);
                        return "done";
                    }));
                } catch (TimeoutException expected) {
                    // either outcome is fine; the interrupt flag is what is checked
                } catch (Exception unexpected) {
                    leaks.completeExceptionally(unexpected);
                    return;
                }
                if (Thread.interrupted()) {
                    interruptedAfterwards++;
                }
            }
            leaks.complete(interruptedAfterwards);
        });
        assertEquals(0, leaks.get(60, SECONDS), "calls after which the thread was still interrupted");
    }

    @Test
    void anAsynchronousTimeoutFiresWhileTheOnlyWorkerIsBusyAndLeavesItUninterrupted() throws Exception {
        ChainBuilder builder = new ChainBuilder(threads, Ticker.SYSTEM, ContextActivator.NONE);
        AsyncStep timed = builder.async(new MethodPolicies("timed", true, true, null, null, null, 20L, null));
        CompletableFuture<Boolean> sawInterrupt = new CompletableFuture<>();

        CompletableFuture<Object> outcome = timed.invoke(new Call(() -> {
            try {
                Thread.sleep(10_000);
                sawInterrupt.complete(false);
            } catch (InterruptedException interrupted) {
                sawInterrupt.complete(true);
                Thread.currentThread().interrupt(); // a method that restores the flag and returns
            }
            return CompletableFuture.completedFuture("late");
        })).toCompletableFuture();

        // the only lent worker sleeps in the method: the timeout must not wait for it
        ExecutionException failed = assertThrows(ExecutionException.class, () -> outcome.get(5, SECONDS));
        assertTrue(failed.getCause() instanceof TimeoutException, failed.toString());
        assertTrue(sawInterrupt.get(10, SECONDS), "the method's thread was interrupted");
        CompletableFuture<Boolean> next = new CompletableFuture<>();
        lent.execute(() -> next.complete(Thread.currentThread().isInterrupted()));
        assertEquals(false, next.get(10, SECONDS), "the same lent thread, next task");
    }
}
