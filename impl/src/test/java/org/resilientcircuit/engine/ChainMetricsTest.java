package org.resilientcircuit.engine;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.engine.MethodMetrics.BreakerResult;
import org.resilientcircuit.engine.MethodMetrics.FallbackUse;
import org.resilientcircuit.engine.MethodMetrics.RetryResult;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.store.memory.MemoryStateStore;

/** What each step of a chain tells its method's metrics, and that a chain without metrics is unchanged. */
class ChainMetricsTest {

    private final LibraryThreads threads = new LibraryThreads("chain-metrics-test");
    private final FakeTicker ticker = new FakeTicker();
    private final ChainBuilder builder = new ChainBuilder(threads, ticker, ContextActivator.NONE);
    private final Recorder metrics = new Recorder();

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    /** Every event as a short string, in order. */
    static final class Recorder implements MethodMetrics {
        final List<String> events = new ArrayList<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger waiting = new AtomicInteger();

        synchronized List<String> events() {
            return List.copyOf(events);
        }

        private synchronized void add(String event) {
            events.add(event);
        }

        @Override
        public void invocation(boolean valueReturned, FallbackUse fallback) {
            add("invocation " + (valueReturned ? "value" : "exception") + " " + fallback);
        }

        @Override
        public void retried() {
            add("retried");
        }

        @Override
        public void retryFinished(boolean retried, RetryResult result) {
            add("retry " + retried + " " + result);
        }

        @Override
        public void timeoutFinished(boolean timedOut, long nanos) {
            add("timeout " + timedOut);
        }

        @Override
        public void circuitBreakerFinished(BreakerResult result) {
            add("breaker " + result);
        }

        @Override
        public void circuitBreakerOpened() {
            add("opened");
        }

        @Override
        public void bulkheadCall(boolean accepted) {
            add("bulkhead " + (accepted ? "accepted" : "rejected"));
        }

        @Override
        public void bulkheadStarted() {
            running.incrementAndGet();
            add("started");
        }

        @Override
        public void bulkheadFinished(long nanos) {
            running.decrementAndGet();
            add("finished");
        }

        @Override
        public void bulkheadQueued() {
            waiting.incrementAndGet();
            add("queued");
        }

        @Override
        public void bulkheadWaited(boolean queued, long nanos) {
            if (queued) {
                waiting.decrementAndGet();
            }
            add("waited " + queued);
        }
    }

    private static MethodPolicies policies(MethodPolicies.FallbackPolicy fallback, RetrySettings retry,
            CircuitBreaker breaker, Long timeoutMillis, MethodPolicies.BulkheadSettings bulkhead, boolean async) {
        return new MethodPolicies("Bean#method()", async, true, fallback, retry, breaker, timeoutMillis, bulkhead);
    }

    private static RetrySettings retry(int maxRetries, long maxDurationMillis, ExceptionFilter retryOn) {
        return new RetrySettings(maxRetries, Backoff.fixed(0), maxDurationMillis, 0, retryOn);
    }

    private static Call failing(Exception failure) {
        return new Call(() -> {
            throw failure;
        });
    }

    @Test
    void withoutMetricsTheChainHasNoMeteringStep() {
        MethodPolicies retryOnly = policies(null, retry(1, 0, ExceptionFilter.all()), null, null, null, false);

        assertInstanceOf(RetryStep.class, builder.sync(retryOnly));
        assertInstanceOf(RetryStep.class, builder.sync(retryOnly, MethodMetrics.NONE));
        assertInstanceOf(MeteredStep.class, builder.sync(retryOnly, metrics));
    }

    @Test
    void retryCountsEachRetryAndWhyTheLastAttemptWasNotRetried() throws Exception {
        Step chain = builder.sync(policies(null, retry(2, 0, ExceptionFilter.all()), null, null, null, false), metrics);
        assertThrows(IOException.class, () -> chain.invoke(failing(new IOException())));
        assertEquals(List.of("retried", "retried", "retry true MAX_RETRIES_REACHED", "invocation exception NOT_DEFINED"),
                metrics.events());

        metrics.events.clear();
        assertEquals("ok", chain.invoke(new Call(() -> "ok")));
        assertEquals(List.of("retry false VALUE_RETURNED", "invocation value NOT_DEFINED"), metrics.events());
    }

    @Test
    void anAbortingExceptionIsNotRetryable() {
        ExceptionFilter abortOnIllegalState = new ExceptionFilter(List.of(Exception.class), List.of(IllegalStateException.class));
        Step chain = builder.sync(policies(null, retry(5, 0, abortOnIllegalState), null, null, null, false), metrics);
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(IllegalStateException.class, () -> chain.invoke(new Call(() -> {
            throw attempts.incrementAndGet() == 1 ? new IOException() : new IllegalStateException();
        })));
        assertEquals(List.of("retried", "retry true EXCEPTION_NOT_RETRYABLE", "invocation exception NOT_DEFINED"),
                metrics.events());
    }

    @Test
    void maxDurationEndsTheRetriesByTheTicker() {
        Step chain = builder.sync(policies(null, retry(-1, 100, ExceptionFilter.all()), null, null, null, false), metrics);

        assertThrows(IOException.class, () -> chain.invoke(new Call(() -> {
            ticker.advance(60, MILLISECONDS);
            throw new IOException();
        })));
        assertEquals(List.of("retried", "retry true MAX_DURATION_REACHED", "invocation exception NOT_DEFINED"),
                metrics.events());
    }

    @Test
    void theInvocationSaysWhetherTheFallbackGaveTheOutcome() throws Exception {
        AtomicInteger fallbackFails = new AtomicInteger();
        MethodPolicies.FallbackPolicy fallback = new MethodPolicies.FallbackPolicy((call, failure) -> {
            if (fallbackFails.get() > 0) {
                throw new IllegalStateException("fallback failed too");
            }
            return "fallback";
        }, new ExceptionFilter(List.of(IOException.class), List.of()));
        Step chain = builder.sync(policies(fallback, null, null, null, null, false), metrics);

        assertEquals("ok", chain.invoke(new Call(() -> "ok")));
        assertEquals("fallback", chain.invoke(failing(new IOException())));
        assertThrows(UnsupportedOperationException.class, () -> chain.invoke(failing(new UnsupportedOperationException())));
        fallbackFails.set(1);
        assertThrows(IllegalStateException.class, () -> chain.invoke(failing(new IOException())));

        assertEquals(List.of("invocation value NOT_APPLIED", "invocation value APPLIED", "invocation exception NOT_APPLIED",
                "invocation exception APPLIED"), metrics.events());
    }

    @Test
    void theBreakerJudgesEachExecutionAndCountsItsOpeningOnce() throws Exception {
        CircuitBreaker breaker = new CircuitBreaker("key", new CircuitBreakerSettings(2, 1.0, 1_000, 1,
                new ExceptionFilter(List.of(IOException.class), List.of()), 30_000), new MemoryStateStore(), ticker,
                BreakerObserver.NONE);
        Step chain = builder.sync(policies(null, null, breaker, null, null, false), metrics);

        assertThrows(IllegalStateException.class, () -> chain.invoke(failing(new IllegalStateException())));
        assertThrows(IOException.class, () -> chain.invoke(failing(new IOException())));
        assertThrows(IOException.class, () -> chain.invoke(failing(new IOException())));
        assertThrows(CircuitBreakerOpenException.class, () -> chain.invoke(new Call(() -> "ok")));

        assertEquals(List.of("breaker SUCCESS", "invocation exception NOT_DEFINED", "breaker FAILURE",
                "invocation exception NOT_DEFINED", "opened", "breaker FAILURE", "invocation exception NOT_DEFINED",
                "breaker CIRCUIT_BREAKER_OPEN", "invocation exception NOT_DEFINED"), metrics.events());
    }

    @Test
    void theBreakerAddsUpTheTimeSpentInEachPhaseAndNeverGoesBack() {
        CircuitBreaker breaker = new CircuitBreaker("key", new CircuitBreakerSettings(1, 1.0, 1_000, 1,
                ExceptionFilter.all(), 30_000), new MemoryStateStore(), ticker, BreakerObserver.NONE);
        ticker.advance(5, MILLISECONDS);
        assertEquals(MILLISECONDS.toNanos(5), breaker.nanosIn(BreakerPhase.CLOSED));

        breaker.record(breaker.acquire(), new IOException()); // opens
        ticker.advance(1_500, MILLISECONDS);
        assertEquals(MILLISECONDS.toNanos(1_500), breaker.nanosIn(BreakerPhase.OPEN));
        breaker.record(breaker.acquire(), null); // half-open probe succeeds: closed
        ticker.advance(2, MILLISECONDS);

        assertEquals(BreakerPhase.CLOSED, breaker.state().phase());
        assertEquals(MILLISECONDS.toNanos(7), breaker.nanosIn(BreakerPhase.CLOSED));
        assertEquals(MILLISECONDS.toNanos(1_500), breaker.nanosIn(BreakerPhase.OPEN));
        assertEquals(0, breaker.nanosIn(BreakerPhase.HALF_OPEN), "the probe took no time on this clock");
    }

    @Test
    void timeoutReportsEachExecutionTimedOutOrNot() throws Exception {
        Step chain = builder.sync(policies(null, null, null, 20L, null, false), metrics);

        assertEquals("ok", chain.invoke(new Call(() -> "ok")));
        assertThrows(TimeoutException.class, () -> chain.invoke(new Call(() -> {
            Thread.sleep(5_000);
            return "late";
        })));
        assertEquals(List.of("timeout false", "invocation value NOT_DEFINED", "timeout true",
                "invocation exception NOT_DEFINED"), metrics.events());
    }

    @Test
    void aFullSynchronousBulkheadRejectsAndCountsWhatRan() throws Exception {
        Step chain = builder.sync(policies(null, null, null, null, new MethodPolicies.BulkheadSettings(1, 1), false),
                metrics);
        List<Throwable> inner = new ArrayList<>();

        chain.invoke(new Call(() -> {
            assertEquals(1, metrics.running.get());
            try {
                chain.invoke(new Call(() -> "never"));
            } catch (BulkheadException full) {
                inner.add(full);
            }
            return "ok";
        }));

        assertEquals(1, inner.size());
        assertEquals(0, metrics.running.get());
        assertEquals(List.of("bulkhead accepted", "started", "bulkhead rejected", "invocation exception NOT_DEFINED",
                "finished", "invocation value NOT_DEFINED"), metrics.events());
    }

    @Test
    void anAsynchronousBulkheadReportsItsQueue() throws Exception {
        AsyncStep chain = builder.async(policies(null, null, null, null, new MethodPolicies.BulkheadSettings(1, 1), true),
                metrics);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstRuns = new CountDownLatch(1);

        CompletableFuture<Object> first = chain.invoke(new Call(() -> {
            firstRuns.countDown();
            release.await(10, SECONDS);
            return CompletableFuture.completedFuture("first");
        })).toCompletableFuture();
        assertTrue(firstRuns.await(10, SECONDS));
        CompletableFuture<Object> second = chain.invoke(new Call(() -> CompletableFuture.completedFuture("second")))
                .toCompletableFuture();
        CompletableFuture<Object> third = chain.invoke(new Call(() -> CompletableFuture.completedFuture("third")))
                .toCompletableFuture();

        ExecutionException rejected = assertThrows(ExecutionException.class, () -> third.get(10, SECONDS));
        assertInstanceOf(BulkheadException.class, rejected.getCause());
        assertEquals(1, metrics.running.get());
        assertEquals(1, metrics.waiting.get());
        release.countDown();
        assertEquals("first", first.get(10, SECONDS));
        assertEquals("second", second.get(10, SECONDS));

        assertEquals(0, metrics.running.get());
        assertEquals(0, metrics.waiting.get());
        List<String> events = metrics.events();
        assertEquals(List.of("bulkhead accepted", "waited false", "started", "queued", "bulkhead accepted",
                "bulkhead rejected", "invocation exception NOT_DEFINED"), events.subList(0, 7));
        assertEquals(2, events.stream().filter("invocation value NOT_DEFINED"::equals).count());
        assertTrue(events.indexOf("waited true") > events.indexOf("finished"), "the second waited for the first: " + events);
    }
}
