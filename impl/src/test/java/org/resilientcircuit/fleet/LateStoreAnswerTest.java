package org.resilientcircuit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.engine.BreakerObserver;
import org.resilientcircuit.engine.Call;
import org.resilientcircuit.engine.CircuitBreaker;
import org.resilientcircuit.engine.CircuitBreakerSettings;
import org.resilientcircuit.engine.CircuitBreakerStep;
import org.resilientcircuit.engine.ExceptionFilter;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.BreakerState;
import org.resilientcircuit.spi.StateListener;
import org.resilientcircuit.spi.StateStore;

/**
 * What the outage and load tests saw in the transition log ("CLOSED -> OPEN (version 7)", then
 * "OPEN -> CLOSED (version 6)"), made deterministic: the store's answer to an earlier transition
 * arrives after this instance already made a later one. The late answer confirms what the instance
 * already did; it must not take the local view back to the older state.
 */
class LateStoreAnswerTest {

    /** Answers half-open requests at once (the engine waits for them); holds every other answer until released. */
    private static final class SlowStore implements StateStore {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public String instanceId() {
            return "me";
        }

        StateListener listener;
        /** Whether the change feed's echo of a half-open write reaches the breaker before the writer's answer. */
        boolean echoFirst;

        @Override
        public BreakerState attach(String key, StateListener listener) {
            this.listener = listener;
            return BreakerState.initial();
        }

        @Override
        public CompletionStage<BreakerState> transition(String key, BreakerState expected, BreakerState proposed) {
            if (proposed.phase() == BreakerPhase.HALF_OPEN) {
                if (echoFirst) {
                    listener.stateChanged(proposed); // NOTIFY of the row just written, on the feed thread
                }
                return CompletableFuture.completedFuture(proposed);
            }
            CompletableFuture<BreakerState> answer = new CompletableFuture<>();
            held.add(() -> answer.complete(proposed)); // the database accepted it, and says so late
            return answer;
        }

        void answerOldest() {
            held.remove(0).run();
        }

        @Override
        public String describe() {
            return "slow store";
        }

        @Override
        public void close() {
        }
    }

    private final AtomicLong now = new AtomicLong();
    private final SlowStore store = new SlowStore();
    private final CircuitBreaker breaker = new CircuitBreaker("late", new CircuitBreakerSettings(4, 0.5, 1000, 1,
            ExceptionFilter.all(), 30_000), store, now::get, BreakerObserver.NONE);
    private final CircuitBreakerStep step = new CircuitBreakerStep(breaker, call -> call.proceed());

    private Object call(boolean fail) throws Exception {
        return step.invoke(new Call(() -> {
            if (fail) {
                throw new IllegalStateException("failing");
            }
            return "ok";
        }));
    }

    private void failUntilOpen() {
        for (int i = 0; i < 4; i++) {
            assertThrows(IllegalStateException.class, () -> call(true));
        }
    }

    @Test
    void aLateAnswerToAnEarlierTransitionDoesNotUndoALaterOne() throws Exception {
        failUntilOpen();
        store.answerOldest(); // OPEN v1 confirmed
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertEquals("ok", call(false)); // probe (HALF_OPEN v2), success: CLOSED v3 proposed, answer held
        assertEquals(BreakerPhase.CLOSED, breaker.state().phase());
        failUntilOpen(); // the fresh window trips: OPEN v4 proposed, answer held
        assertEquals(BreakerPhase.OPEN, breaker.state().phase());
        assertEquals(4, breaker.state().version());

        store.answerOldest(); // now the database's "yes" to CLOSED v3 arrives

        assertEquals(BreakerPhase.OPEN, breaker.state().phase(), "the local view went back from OPEN v4 to " + breaker.state());
        assertEquals(4, breaker.state().version());
        assertThrows(CircuitBreakerOpenException.class, () -> call(false), "a call right after the breaker opened");
    }

    /**
     * The instance wins OPEN -> HALF_OPEN, and the change feed delivers the row it just wrote before the
     * writer's answer reaches the waiting caller (two threads, PostgresStateStore's feed and writer): the
     * call that won the probe is rejected, though this instance owns the half-open phase. Seen in
     * FleetMeasurementsIT (A's probe REJECTED, A's view HALF_OPEN by A with its trial unused).
     */
    @Test
    void theCallThatWinsTheProbeIsAdmittedEvenIfTheFeedEchoesTheRowFirst() throws Exception {
        failUntilOpen();
        store.answerOldest(); // OPEN v1 confirmed
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        store.echoFirst = true;

        Object result;
        try {
            result = call(false);
        } catch (CircuitBreakerOpenException rejected) {
            throw new AssertionError("the first call after the delay is the probe, but it was rejected; the breaker"
                    + " is " + breaker.state() + " (this instance owns the half-open phase)");
        }
        assertEquals("ok", result);
    }
}
