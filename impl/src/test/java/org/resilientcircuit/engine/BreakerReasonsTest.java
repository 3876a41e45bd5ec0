package org.resilientcircuit.engine;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Every change of a breaker says why it happened. */
class BreakerReasonsTest {

    private static final long DELAY_MILLIS = 5_000;

    private final FakeTicker ticker = new FakeTicker();
    private final List<String> changes = new ArrayList<>();

    private CircuitBreaker breaker(int volume, double ratio, int successThreshold) {
        return new CircuitBreaker("key", new CircuitBreakerSettings(volume, ratio, DELAY_MILLIS, successThreshold,
                ExceptionFilter.all(), 30_000), new MemoryStateStore(), ticker, new BreakerObserver() {
                    @Override
                    public void changed(String key, BreakerState from, BreakerState to) {
                        throw new AssertionError("the breaker gives its reason");
                    }

                    @Override
                    public void changed(String key, BreakerState from, BreakerState to, String reason) {
                        changes.add(from.phase() + "->" + to.phase() + ": " + reason);
                    }
                });
    }

    private static void succeed(CircuitBreaker breaker) {
        breaker.record(breaker.acquire(), null);
    }

    private static void fail(CircuitBreaker breaker, Exception failure) {
        breaker.record(breaker.acquire(), failure);
    }

    @Test
    void theWindowThatOpenedItWithItsRatio() {
        CircuitBreaker breaker = breaker(4, 0.5, 1);
        succeed(breaker);
        fail(breaker, new IOException());
        fail(breaker, new IOException());
        fail(breaker, new IOException());

        assertEquals(List.of("CLOSED->OPEN: 3 failures in 4 calls, ratio 0.75 >= 0.5"), changes);
    }

    @Test
    void aRatioThatIsNoShortDecimalIsRounded() {
        CircuitBreaker breaker = breaker(3, 0.6, 1);
        succeed(breaker);
        fail(breaker, new IOException());
        fail(breaker, new IOException());

        assertEquals(List.of("CLOSED->OPEN: 2 failures in 3 calls, ratio 0.667 >= 0.6"), changes);
    }

    @Test
    void theDelayThenTheProbesThatCloseIt() {
        CircuitBreaker breaker = breaker(1, 1.0, 2);
        fail(breaker, new IOException());
        ticker.advance(DELAY_MILLIS, MILLISECONDS);
        succeed(breaker);
        succeed(breaker);

        assertEquals(List.of("CLOSED->OPEN: 1 failure in 1 call, ratio 1 >= 1", "OPEN->HALF_OPEN: delay of 5000 ms elapsed",
                "HALF_OPEN->CLOSED: probe succeeded (2 of 2)"), changes);
    }

    @Test
    void aFailedProbeNamesItsException() {
        CircuitBreaker breaker = breaker(1, 1.0, 1);
        fail(breaker, new IOException());
        ticker.advance(DELAY_MILLIS, MILLISECONDS);
        fail(breaker, new FileNotFoundException("gone"));

        assertEquals("HALF_OPEN->OPEN: probe failed: java.io.FileNotFoundException", changes.get(2));
        assertThrows(CircuitBreakerOpenException.class, breaker::acquire);
    }

    @Test
    void theOperatorAndTheStoreAreNamed() {
        CircuitBreaker breaker = breaker(2, 1.0, 1);
        breaker.force(BreakerPhase.OPEN, 60_000);
        breaker.force(BreakerPhase.CLOSED, 0);
        breaker.stateChanged(new BreakerState(BreakerPhase.OPEN, breaker.state().version() + 1, 1_000, 2, "shop-2/4711/ab12"));

        assertEquals(List.of("CLOSED->OPEN: opened by operator", "OPEN->CLOSED: reset by operator",
                "CLOSED->OPEN: made by shop-2/4711/ab12"), changes);
    }
}
