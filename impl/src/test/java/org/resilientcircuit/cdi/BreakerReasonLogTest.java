package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.api.BreakerKey;
import org.resilientcircuit.api.BreakerStateChanged;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.testing.BreakerChanges;

/** The INFO line of each transition, and the event, say why the breaker changed. */
@EnableWeld
class BreakerReasonLogTest {

    static final String KEY = "label_printer";

    @ApplicationScoped
    public static class Printer {
        @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 1, delayUnit = ChronoUnit.HOURS)
        @BreakerKey(KEY)
        public void print(boolean fail) {
            if (fail) {
                throw new IllegalStateException("out of paper");
            }
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(Printer.class, BreakerChanges.class)).build();

    @Inject
    Printer printer;

    @Inject
    BreakerChanges changes;

    @Inject
    CircuitBreakers breakers;

    private final Logger log = Logger.getLogger(BreakerEvents.class.getName());
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel() == Level.INFO) {
                lines.add(formatter.formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
    }

    @Test
    void eachTransitionIsLoggedOnceWithItsReason() throws Exception {
        printer.print(false);
        assertThrows(IllegalStateException.class, () -> printer.print(true));
        assertThrows(IllegalStateException.class, () -> printer.print(true));
        assertThrows(IllegalStateException.class, () -> printer.print(true));
        breakers.reset(KEY);
        breakers.open(KEY, Duration.ofMinutes(5));

        awaitChanges(3);
        assertEquals(List.of("3 failures in 4 calls, ratio 0.75 >= 0.5", "reset by operator", "opened by operator for PT5M"),
                changes.seen().stream().map(BreakerStateChanged::reason).toList());
        String self = changes.seen().get(0).changedBy();
        assertEquals(List.of(
                "breaker " + KEY + ": CLOSED -> OPEN (version 1, by " + self + ", this instance): 3 failures in 4 calls, ratio 0.75 >= 0.5",
                "breaker " + KEY + ": OPEN -> CLOSED (version 2, by " + self + ", this instance): reset by operator",
                "breaker " + KEY + ": CLOSED -> OPEN (version 3, by " + self + ", this instance): opened by operator for PT5M"),
                lines);
    }

    /** Events and their log lines come from a library thread: wait (bounded) for them. */
    private void awaitChanges(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((changes.seen().size() < n || lines.size() < n) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(changes.seen().size() >= n && lines.size() >= n, "expected " + n + " changes, saw " + changes.seen() + lines);
    }
}
