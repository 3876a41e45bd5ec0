package org.resilientcircuit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both retry steps run the preparation through {@link RetrySettings#prepare}: once per retry, after the delay, never
 * before the first attempt nor when maxRetries or maxDuration ends the retry, and a failing one never ends it.
 */
class RetryPreparationTest {

    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger invocations = new AtomicInteger();
    private final List<String> prepared = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newSingleThreadExecutor(task -> new Thread(task, "test-scheduler"));

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Records number, cause and thread; fails when asked to, as a preparer may. */
    private RetryPreparation recording(boolean fail) {
        return new RetryPreparation(null, "test preparation", (call, retry) -> {
            String cause = retry.failure() != null ? retry.failure().getMessage() : "result " + retry.result();
            prepared.add(retry.number() + " " + cause + " " + Thread.currentThread().getName());
            if (fail) {
                throw new IllegalStateException("preparation failed");
            }
        });
    }

    private RetrySettings settings(int maxRetries, long delayMillis, long maxDurationMillis, RetryPreparation preparation) {
        return new RetrySettings(maxRetries, Backoff.fixed(delayMillis), maxDurationMillis, 0, ExceptionFilter.all(),
                "busy"::equals, preparation);
    }

    /** Fails, then is busy, then answers. */
    private Object thirdTimeLucky() {
        int attempt = invocations.incrementAndGet();
        if (attempt == 1) {
            throw new IllegalArgumentException("failure 1");
        }
        return attempt == 2 ? "busy" : "done";
    }

    @Test
    void onceBeforeEachRetryWithItsCause() throws Exception {
        RetryStep step = new RetryStep(settings(5, 0, 0, recording(false)), ticker, call -> thirdTimeLucky());
        assertEquals("done", step.invoke(new Call(() -> null)));
        String thread = Thread.currentThread().getName();
        assertEquals(List.of("1 failure 1 " + thread, "2 result busy " + thread), prepared);
    }

    @Test
    void afterTheDelay() throws Exception {
        AtomicLong failedAt = new AtomicLong();
        AtomicLong preparedAt = new AtomicLong();
        RetryPreparation timing = new RetryPreparation(null, "timing", (call, retry) -> preparedAt.set(System.nanoTime()));
        RetryStep step = new RetryStep(settings(1, 50, 0, timing), ticker, call -> {
            if (invocations.incrementAndGet() == 1) {
                failedAt.set(System.nanoTime());
                throw new IllegalArgumentException("once");
            }
            return "done";
        });
        assertEquals("done", step.invoke(new Call(() -> null)));
        assertTrue(preparedAt.get() - failedAt.get() >= TimeUnit.MILLISECONDS.toNanos(50),
                "prepared " + (preparedAt.get() - failedAt.get()) + " ns after the failure");
    }

    @Test
    void notWhenMaxRetriesOrMaxDurationEndsTheRetry() throws Exception {
        RetryStep limited = new RetryStep(settings(2, 0, 0, recording(false)), ticker, call -> "busy");
        assertEquals("busy", limited.invoke(new Call(() -> null)));
        assertEquals(2, prepared.size(), "two retries, two preparations");
        prepared.clear();
        RetryStep slow = new RetryStep(settings(-1, 0, 35, recording(false)), ticker, call -> {
            invocations.incrementAndGet();
            ticker.advance(10, TimeUnit.MILLISECONDS);
            return "busy";
        });
        invocations.set(0);
        assertEquals("busy", slow.invoke(new Call(() -> null)));
        assertEquals(invocations.get() - 1, prepared.size(), "none after the last attempt");
    }

    @Test
    void aFailingPreparationDoesNotEndTheRetry() throws Exception {
        RetryStep step = new RetryStep(settings(5, 0, 0, recording(true)), ticker, call -> thirdTimeLucky());
        assertEquals("done", step.invoke(new Call(() -> null)));
        assertEquals(2, prepared.size());
    }

    @Test
    void theAsynchronousStepPreparesOnTheThreadThatStartsTheRetry() throws Exception {
        Scheduler scheduler = new Scheduler() {
            @Override
            public void execute(Runnable task) {
                pool.execute(task);
            }

            @Override
            public Future<?> schedule(Runnable task, long delayNanos) {
                return pool.submit(task);
            }
        };
        AsyncRetryStep step = new AsyncRetryStep(settings(5, 0, 0, recording(true)), ticker, scheduler, call -> {
            try {
                return CompletableFuture.completedFuture(thirdTimeLucky());
            } catch (IllegalArgumentException failed) {
                return CompletableFuture.failedFuture(failed);
            }
        });
        assertEquals("done", step.invoke(new Call(() -> null)).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(List.of("1 failure 1 test-scheduler", "2 result busy test-scheduler"), prepared);
    }

    @Test
    void aVirtualMachineErrorIsNotSwallowed() {
        RetryPreparation fatal = new RetryPreparation(null, "fatal", (call, retry) -> {
            throw new OutOfMemoryError("test");
        });
        RetryStep step = new RetryStep(settings(1, 0, 0, fatal), ticker, call -> "busy");
        assertThrows(OutOfMemoryError.class, () -> step.invoke(new Call(() -> null)));
    }
}
