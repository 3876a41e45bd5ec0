package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.api.BreakerKey;
import org.resilientcircuit.api.BreakerStateChanged;
import org.resilientcircuit.api.BreakerStatus;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.testing.BreakerChanges;

/** A shared key joins two methods in one breaker; the maintenance API reads, resets and opens it; events follow. */
@EnableWeld
class MaintenanceTest {

    static final String KEY = "external_fraud_check_api";

    @ApplicationScoped
    public static class FraudCheck {
        int calls;

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = java.time.temporal.ChronoUnit.HOURS)
        @BreakerKey(KEY)
        public void score() {
            calls++;
            throw new IllegalStateException("fraud API down");
        }

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = java.time.temporal.ChronoUnit.HOURS)
        @BreakerKey(KEY)
        public String verify() {
            calls++;
            return "verified";
        }

        public int calls() {
            return calls;
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(FraudCheck.class, BreakerChanges.class)).build();

    @Inject
    FraudCheck fraud;

    @Inject
    CircuitBreakers breakers;

    @Inject
    BreakerChanges changes;

    @Test
    void failuresOfOneMethodOpenTheBreakerOfTheOtherAndAnEventSaysSo() throws Exception {
        assertThrows(IllegalStateException.class, fraud::score);
        assertThrows(IllegalStateException.class, fraud::score);

        assertThrows(CircuitBreakerOpenException.class, fraud::verify);
        assertEquals(2, fraud.calls());
        BreakerStatus status = breakers.status(KEY).orElseThrow();
        assertEquals(BreakerPhase.OPEN, status.phase());
        assertEquals(2, status.failureCount());
        assertEquals(1, status.version());
        assertTrue(status.remaining().compareTo(Duration.ofMinutes(59)) > 0, status.remaining().toString());

        BreakerStateChanged opened = awaitChange(1);
        assertEquals(KEY, opened.key());
        assertEquals(BreakerPhase.CLOSED, opened.from());
        assertEquals(BreakerPhase.OPEN, opened.to());
        assertTrue(opened.local());
    }

    @Test
    void resetClosesTheBreakerAndOpenHoldsItOpen() throws Exception {
        assertThrows(IllegalStateException.class, fraud::score);
        assertThrows(IllegalStateException.class, fraud::score);

        BreakerStatus reset = breakers.reset(KEY);
        assertEquals(BreakerPhase.CLOSED, reset.phase());
        assertEquals(2, reset.version());
        assertEquals("verified", fraud.verify());

        BreakerStatus opened = breakers.open(KEY, Duration.ofMinutes(5));
        assertEquals(BreakerPhase.OPEN, opened.phase());
        assertThrows(CircuitBreakerOpenException.class, fraud::verify);
        assertEquals(BreakerPhase.OPEN, awaitChange(3).to());
        assertEquals(List.of(KEY), breakers.all().stream().map(BreakerStatus::key).toList());
    }

    @Test
    void anUnknownKeyIsNamedInTheError() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> breakers.reset("nope"));
        assertTrue(unknown.getMessage().contains("nope") && unknown.getMessage().contains(KEY), unknown.getMessage());
    }

    /** Events are fired on a library thread: wait (bounded) for the n-th one. */
    private BreakerStateChanged awaitChange(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (changes.seen().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(changes.seen().size() >= n, "expected " + n + " events, saw " + changes.seen());
        return changes.seen().get(n - 1);
    }
}
