package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.api.PrepareRetry;
import org.resilientcircuit.api.RetryPreparer;
import org.resilientcircuit.api.UpcomingRetry;
import org.resilientcircuit.engine.RetryPreparation;

/**
 * A preparer that throws does not stop the retry, and its failure is logged as a warning once per method and
 * exception class, then at debug level: a preparer failing on every retry of every call must not flood the log.
 */
@EnableWeld
class PrepareRetryFailureTest {

    /** Throws an IllegalStateException before the first retry, an UnsupportedOperationException before the others. */
    public static class Failing implements RetryPreparer {
        @Override
        public void prepare(UpcomingRetry retry) {
            throw retry.number() == 1 ? new IllegalStateException("no token") : new UnsupportedOperationException("no replica");
        }
    }

    @Dependent
    public static class Service {
        final AtomicInteger calls = new AtomicInteger();

        /** Fails three times, then answers. */
        @Retry(maxRetries = 5, delay = 0, jitter = 0)
        @PrepareRetry(Failing.class)
        public String call() {
            if (calls.incrementAndGet() % 4 != 0) {
                throw new IllegalArgumentException("attempt " + calls.get());
            }
            return "ok";
        }

        @Asynchronous
        @Retry(maxRetries = 5, delay = 0, jitter = 0)
        @PrepareRetry(Failing.class)
        public CompletionStage<String> callAsync() {
            return calls.incrementAndGet() % 4 != 0 ? CompletableFuture.failedFuture(new IllegalArgumentException("no"))
                    : CompletableFuture.completedFuture("ok");
        }

        @Retry(maxRetries = 1, delay = 0, jitter = 0)
        @PrepareRetry(method = "refresh")
        public String withMethod() {
            if (calls.incrementAndGet() % 2 != 0) {
                throw new IllegalArgumentException("attempt " + calls.get());
            }
            return "ok";
        }

        private void refresh() throws Exception {
            throw new java.io.IOException("token service down");
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(Service.class)).build();

    @Inject
    Service service;

    private final Logger log = Logger.getLogger(RetryPreparation.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previous;

    @BeforeEach
    void capture() {
        previous = log.getLevel();
        log.setLevel(Level.ALL);
        log.addHandler(capture);
    }

    @AfterEach
    void release() {
        log.removeHandler(capture);
        log.setLevel(previous);
    }

    private List<String> warnings() {
        return records.stream().filter(r -> r.getLevel() == Level.WARNING)
                .map(r -> r.getThrown().getClass().getSimpleName() + ": " + r.getMessage()).toList();
    }

    @Test
    void theRetryGoesOnAndEachExceptionClassIsAWarningOnce() {
        for (int i = 0; i < 3; i++) {
            assertEquals("ok", service.call());
        }
        assertEquals(12, service.calls.get(), "every retry ran despite the preparer");
        List<String> warnings = warnings();
        assertEquals(2, warnings.size(), () -> "one per exception class: " + warnings);
        assertTrue(warnings.get(0).startsWith("IllegalStateException: retry preparer " + Failing.class.getName()
                + " of " + Service.class.getName() + "#call() failed before retry 1"), warnings::toString);
        assertTrue(warnings.get(1).startsWith("UnsupportedOperationException:"), warnings::toString);
        assertEquals(7, records.stream().filter(r -> r.getLevel() == Level.FINE).count(), "the rest at debug level");
    }

    @Test
    void anAsynchronousRetryGoesOnToo() throws Exception {
        assertEquals("ok", service.callAsync().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(4, service.calls.get());
        assertEquals(2, warnings().size(), () -> warnings().toString());
    }

    @Test
    void aMethodsOwnExceptionIsLogged() {
        assertEquals("ok", service.withMethod());
        assertEquals("ok", service.withMethod());
        assertEquals(List.of("IOException: retry preparation method " + Service.class.getName() + "#refresh() of "
                + Service.class.getName() + "#withMethod() failed before retry 1; retrying all the same"), warnings());
    }
}
