package org.resilientcircuit.engine;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.BreakerState;
import org.resilientcircuit.store.memory.MemoryStateStore;

/** One breaker through its phases, driven outcome by outcome on a clock the test moves. */
class CircuitBreakerTest {

    private static final long DELAY_MILLIS = 1_000;
    private static final IOException FAILURE = new IOException("boom");

    private final FakeTicker ticker = new FakeTicker();
    private final MemoryStateStore store = new MemoryStateStore();
    private final List<String> transitions = new ArrayList<>();

    private CircuitBreaker breaker(int volume, double ratio, int successThreshold, ExceptionFilter failOn) {
        return new CircuitBreaker("key", new CircuitBreakerSettings(volume, ratio, DELAY_MILLIS, successThreshold, failOn, 30_000),
                store, ticker, (key, from, to) -> transitions.add(from.phase() + "->" + to.phase()));
    }

    private CircuitBreaker breaker(int volume, double ratio, int successThreshold) {
        return breaker(volume, ratio, successThreshold, ExceptionFilter.all());
    }

    private static void succeed(CircuitBreaker breaker) {
        breaker.record(breaker.acquire(), null);
    }

    private static void fail(CircuitBreaker breaker) {
        breaker.record(breaker.acquire(), FAILURE);
    }

    /** Four calls, two failing, at ratio 0.5: opens after the fourth (the failure), no sooner. */
    private CircuitBreaker opened(int successThreshold) {
        CircuitBreaker breaker = breaker(4, 0.5, successThreshold);
        succeed(breaker);
        fail(breaker);
        succeed(breaker);
        assertEquals(BreakerPhase.CLOSED, breaker.state().phase(), "window not yet full");
        fail(breaker);
        assertEquals(BreakerPhase.OPEN, breaker.state().phase());
        return breaker;
    }

    @Test
    void opensOnceTheFullWindowReachesTheRatio() {
        CircuitBreaker breaker = opened(1);
        assertEquals(new BreakerState(BreakerPhase.OPEN, 1, DELAY_MILLIS, 2, store.instanceId()), breaker.state());
        assertEquals(List.of("CLOSED->OPEN"), transitions);
        assertEquals(breaker.state(), store.get("key"), "the store holds what the breaker decided");
    }

    @Test
    void opensWhenTheLastCallOfTheWindowSucceedsButTheRatioIsReached() {
        // Spec example and TCK CircuitBreakerLateSuccessTest: volume 4, ratio 0.75, F F F S -> the 5th call is rejected.
        CircuitBreaker breaker = breaker(4, 0.75, 1);
        fail(breaker);
        fail(breaker);
        fail(breaker);
        succeed(breaker);
        assertEquals(BreakerPhase.OPEN, breaker.state().phase());
        assertThrows(CircuitBreakerOpenException.class, breaker::acquire);
    }

    @Test
    void aRejectionNamesTheBreakerAndCarriesNoStackTraceUnlessAsked() {
        CircuitBreakerOpenException rejected = assertThrows(CircuitBreakerOpenException.class, opened(1)::acquire);
        assertEquals("circuit breaker key is open", rejected.getMessage());
        assertEquals(0, rejected.getStackTrace().length, "the default leaves the stack trace out");

        CircuitBreaker traced = new CircuitBreaker("traced", new CircuitBreakerSettings(1, 1.0, DELAY_MILLIS, 1,
                ExceptionFilter.all(), 30_000).withRejectionStackTrace(true), store, ticker, BreakerObserver.NONE);
        fail(traced);
        CircuitBreakerOpenException withTrace = assertThrows(CircuitBreakerOpenException.class, traced::acquire);
        assertEquals("circuit breaker traced is open", withTrace.getMessage());
        assertEquals(CircuitBreaker.class.getName(), withTrace.getStackTrace()[0].getClassName(),
                "rc.rejection.stacktrace=true: the trace starts where the breaker rejected");
    }

    @Test
    void rejectsUntilTheDelayHasPassed() {
        CircuitBreaker breaker = opened(1);
        assertThrows(CircuitBreakerOpenException.class, breaker::acquire);
        ticker.advance(MILLISECONDS.toNanos(DELAY_MILLIS) - 1, NANOSECONDS);
        assertThrows(CircuitBreakerOpenException.class, breaker::acquire);
        assertEquals(BreakerPhase.OPEN, breaker.state().phase());
        ticker.advance(1, NANOSECONDS);
        assertInstanceOf(HalfOpenState.class, breaker.acquire());
        assertEquals(BreakerPhase.HALF_OPEN, breaker.state().phase());
    }

    @Test
    void halfOpenAdmitsExactlySuccessThresholdTrialCalls() {
        CircuitBreaker breaker = opened(3);
        ticker.advance(DELAY_MILLIS, MILLISECONDS);
        CircuitState first = breaker.acquire();
        CircuitState second = breaker.acquire();
        CircuitState third = breaker.acquire();
        assertThrows(CircuitBreakerOpenException.class, breaker::acquire, "a fourth concurrent trial");
        assertThrows(CircuitBreakerOpenException.class, breaker::acquire, "a fifth concurrent trial");
        breaker.record(first, null);
        breaker.record(second, null);
        assertEquals(BreakerPhase.HALF_OPEN, breaker.state().phase(), "two of three successes");
        assertThrows(CircuitBreakerOpenException.class, breaker::acquire, "the trials are used up, not returned");
        breaker.record(third, null);
        assertEquals(BreakerPhase.CLOSED, breaker.state().phase());
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED"), transitions);
        assertInstanceOf(ClosedState.class, breaker.acquire());
    }

    @Test
    void oneFailureInHalfOpenReopensForAnotherFullDelay() {
        CircuitBreaker breaker = opened(2);
        ticker.advance(DELAY_MILLIS, MILLISECONDS);
        succeed(breaker);
        fail(breaker);
        assertEquals(new BreakerState(BreakerPhase.OPEN, 3, DELAY_MILLIS, 1, store.instanceId()), breaker.state());
        ticker.advance(DELAY_MILLIS - 1, MILLISECONDS);
        assertThrows(CircuitBreakerOpenException.class, breaker::acquire);
        ticker.advance(1, MILLISECONDS);
        assertInstanceOf(HalfOpenState.class, breaker.acquire());
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN", "OPEN->HALF_OPEN"), transitions);
    }

    @Test
    void versionGrowsByOnePerTransition() {
        CircuitBreaker breaker = breaker(1, 1.0, 1);
        assertEquals(0, breaker.state().version());
        fail(breaker);
        assertEquals(1, breaker.state().version());
        ticker.advance(DELAY_MILLIS, MILLISECONDS);
        CircuitState trial = breaker.acquire();
        assertEquals(2, breaker.state().version());
        breaker.record(trial, null);
        assertEquals(3, breaker.state().version());
        assertEquals(BreakerPhase.CLOSED, breaker.state().phase());
        fail(breaker);
        assertEquals(4, breaker.state().version());
        assertEquals(4, store.get("key").version());
    }

    @Test
    void skippedAndUnlistedExceptionsCountAsSuccess() {
        // failOn IOException, skipOn FileNotFoundException (a subclass): skip wins.
        ExceptionFilter failOn = new ExceptionFilter(List.of(IOException.class), List.of(FileNotFoundException.class));
        CircuitBreaker breaker = breaker(2, 1.0, 1, failOn);
        breaker.record(breaker.acquire(), new FileNotFoundException());
        breaker.record(breaker.acquire(), new IllegalStateException());
        breaker.record(breaker.acquire(), new FileNotFoundException());
        ClosedState closed = (ClosedState) breaker.acquire();
        assertEquals(0, closed.failureCount());
        breaker.record(closed, new IOException());
        assertEquals(BreakerPhase.CLOSED, breaker.state().phase(), "one failure, one success in the window");
        breaker.record(breaker.acquire(), new java.net.SocketException());
        assertEquals(BreakerPhase.OPEN, breaker.state().phase(), "two IOExceptions");
    }

    @Test
    void outcomesRecordedAgainstAnEarlierPhaseAreIgnored() {
        CircuitBreaker breaker = breaker(2, 1.0, 2);
        CircuitState closedEarly = breaker.acquire();
        fail(breaker);
        fail(breaker);
        assertEquals(BreakerPhase.OPEN, breaker.state().phase());
        breaker.record(closedEarly, FAILURE);
        breaker.record(closedEarly, null);
        assertEquals(1, breaker.state().version(), "a late outcome from the closed phase moves nothing");

        ticker.advance(DELAY_MILLIS, MILLISECONDS);
        CircuitState trialA = breaker.acquire();
        CircuitState trialB = breaker.acquire();
        breaker.record(trialA, FAILURE);
        assertEquals(BreakerPhase.OPEN, breaker.state().phase());
        breaker.record(trialB, null);
        breaker.record(trialB, null);
        assertEquals(new BreakerState(BreakerPhase.OPEN, 3, DELAY_MILLIS, 1, store.instanceId()), breaker.state(),
                "late successes of the failed probe do not close the re-opened breaker");

        ticker.advance(DELAY_MILLIS, MILLISECONDS);
        succeed(breaker);
        succeed(breaker);
        assertEquals(BreakerPhase.CLOSED, breaker.state().phase());
        breaker.record(closedEarly, FAILURE);
        breaker.record(trialB, FAILURE);
        ClosedState closedNow = (ClosedState) breaker.acquire();
        assertEquals(0, closedNow.failureCount(), "the new closed phase starts with an empty window");
        assertEquals(5, breaker.state().version());
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED"),
                transitions);
    }
}
