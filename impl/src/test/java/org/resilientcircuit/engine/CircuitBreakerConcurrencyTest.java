package org.resilientcircuit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.BreakerState;
import org.resilientcircuit.store.memory.MemoryStateStore;

/** Eight threads through one breaker: every outcome is counted once, and an open breaker admits nothing more. */
class CircuitBreakerConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 500;
    private static final int TOTAL = THREADS * CALLS_PER_THREAD;

    private final FakeTicker ticker = new FakeTicker();
    private final MemoryStateStore store = new MemoryStateStore();
    private final List<BreakerState> opened = new ArrayList<>();
    private final AtomicInteger transitions = new AtomicInteger();
    private final AtomicInteger invoked = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    private CircuitBreaker breaker(int volume, double ratio) {
        return new CircuitBreaker("key", new CircuitBreakerSettings(volume, ratio, 1_000, 1, ExceptionFilter.all(), 30_000),
                store, ticker, (key, from, to) -> {
                    transitions.incrementAndGet();
                    if (to.phase() == BreakerPhase.OPEN) {
                        synchronized (opened) {
                            opened.add(to);
                        }
                    }
                });
    }

    /** Runs TOTAL calls through a CircuitBreakerStep; call number n (per thread) fails when {@code fails} says so. */
    private void hammer(CircuitBreaker breaker, IntPredicate fails) throws Exception {
        Step inner = call -> {
            invoked.incrementAndGet();
            return call.proceed();
        };
        Step step = new CircuitBreakerStep(breaker, inner);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int n = 0; n < CALLS_PER_THREAD; n++) {
                    boolean failing = fails.test(n);
                    try {
                        step.invoke(new Call(() -> {
                            if (failing) {
                                throw new IOException("failing call");
                            }
                            return "ok";
                        }));
                    } catch (CircuitBreakerOpenException open) {
                        rejected.incrementAndGet();
                    } catch (IOException expected) {
                        // counted by the breaker
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyOutcomeIsRecordedExactlyOnce() throws Exception {
        // The window is larger than the number of calls and ratio 1.0 cannot be reached: nothing is evicted, nothing trips.
        CircuitBreaker breaker = breaker(TOTAL + 1, 1.0);
        hammer(breaker, n -> n % 5 == 0);
        assertEquals(TOTAL, invoked.get());
        assertEquals(0, rejected.get());
        assertEquals(0, transitions.get());
        assertEquals(TOTAL / 5, ((ClosedState) breaker.acquire()).failureCount());
    }

    @Test
    void windowOfExactlyAllCallsFillsOnTheLastOutcome() throws Exception {
        // Size TOTAL, ratio 1/5, one call in five fails: the window is full, and reaches the ratio, only once the
        // last outcome is in. A lost outcome would never trip it; a doubled one would trip it early and reject calls.
        CircuitBreaker breaker = breaker(TOTAL, 0.2);
        hammer(breaker, n -> n % 5 == 0);
        assertEquals(TOTAL, invoked.get());
        assertEquals(0, rejected.get());
        assertEquals(1, opened.size());
        assertEquals(TOTAL / 5, opened.get(0).failureCount());
        assertEquals(BreakerPhase.OPEN, breaker.state().phase());
    }

    @Test
    void allFailingOpensOnceAndAdmitsNothingAfterwards() throws Exception {
        int volume = 20;
        CircuitBreaker breaker = breaker(volume, 1.0);
        hammer(breaker, n -> true);
        assertEquals(1, transitions.get(), "the clock never moves: one transition, to OPEN");
        assertEquals(1, opened.size());
        assertEquals(TOTAL, invoked.get() + rejected.get());
        // The 20th failure trips it. After that, a thread can finish at most the one call it had already been
        // admitted for: its own outcome sees the full window and opens the breaker before its next call.
        int admitted = invoked.get();
        assertTrue(admitted >= volume && admitted <= volume + THREADS - 1, "admitted " + admitted);
        assertEquals(volume, opened.get(0).failureCount());
        assertEquals(1, breaker.state().version());
        assertEquals(breaker.state(), store.get("key"));
    }
}
