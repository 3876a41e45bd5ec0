package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.resilientcircuit.api.BackoffStrategy;
import org.resilientcircuit.api.CustomBackoff;
import org.resilientcircuit.engine.Backoffs;

/**
 * {@code @CustomBackoff} through the interceptor: the strategy is the CDI bean when its class is one, else an
 * instance the container injects; it sees each retry number, the initial delay and the failure. The strategies here
 * answer 0 ms, so nothing sleeps.
 */
@ExtendWith(WithConfig.Properties.class)
@EnableWeld
class CustomBackoffTest {

    /** Every call a strategy saw, as "retry:initialDelay:failure message". */
    @ApplicationScoped
    public static class Journal {
        private final List<String> entries = new CopyOnWriteArrayList<>();

        List<String> entries() {
            return entries;
        }

        void add(String entry) {
            entries.add(entry);
        }
    }

    /** A bean: the library must use this very instance. */
    @ApplicationScoped
    public static class BeanStrategy implements BackoffStrategy {
        @Inject
        Journal journal;

        @Override
        public long nextDelayMillis(int retry, long initialDelayMillis, Throwable lastFailure) {
            journal.add("bean " + retry + ":" + initialDelayMillis + ":" + lastFailure.getMessage());
            return 0;
        }
    }

    /** Not a bean of this deployment: the container creates, injects and initialises it anyway. */
    public static class PlainStrategy implements BackoffStrategy {
        static final AtomicInteger CREATED = new AtomicInteger();

        @Inject
        Journal journal;
        boolean initialised;

        @PostConstruct
        void init() {
            initialised = true;
            CREATED.incrementAndGet();
        }

        @Override
        public long nextDelayMillis(int retry, long initialDelayMillis, Throwable lastFailure) {
            journal.add("plain " + initialised + " " + retry + ":" + initialDelayMillis + ":" + lastFailure.getMessage());
            return -5; // negative: counts as 0
        }
    }

    public static class BrokenStrategy implements BackoffStrategy {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public long nextDelayMillis(int retry, long initialDelayMillis, Throwable lastFailure) {
            CALLS.incrementAndGet();
            throw new IllegalStateException("broken strategy");
        }
    }

    @Dependent
    public static class Service {
        final AtomicInteger calls = new AtomicInteger();

        @Retry(maxRetries = 3, delay = 250, jitter = 0)
        @CustomBackoff(BeanStrategy.class)
        public void withBean() {
            throw new IllegalStateException("attempt " + calls.incrementAndGet());
        }

        @Retry(maxRetries = 2, delay = 40, jitter = 0)
        @CustomBackoff(PlainStrategy.class)
        public void withPlain() {
            throw new IllegalStateException("attempt " + calls.incrementAndGet());
        }

        @Retry(maxRetries = 3, delay = 0, jitter = 0)
        @CustomBackoff(BrokenStrategy.class)
        public String withBroken() {
            if (calls.incrementAndGet() < 4) {
                throw new IllegalStateException("attempt " + calls.get());
            }
            return "ok";
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(Service.class, Journal.class, BeanStrategy.class)).build();

    @Inject
    Service service;

    @Inject
    Journal journal;

    @Inject
    BeanManager beans;

    @Test
    void aBeanStrategySeesEveryRetry() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, service::withBean);
        assertEquals("attempt 4", thrown.getMessage());
        assertEquals(List.of("bean 1:250:attempt 1", "bean 2:250:attempt 2", "bean 3:250:attempt 3"), journal.entries());
    }

    @Test
    void aPlainClassIsCreatedOnceThroughTheContainer() {
        int created = PlainStrategy.CREATED.get();
        assertThrows(IllegalStateException.class, service::withPlain);
        assertThrows(IllegalStateException.class, service::withPlain);
        assertEquals(List.of("plain true 1:40:attempt 1", "plain true 2:40:attempt 2",
                "plain true 1:40:attempt 4", "plain true 2:40:attempt 5"), journal.entries());
        assertEquals(created + 1, PlainStrategy.CREATED.get(), "one instance per method, kept");
    }

    @Test
    void aFailingStrategyFallsBackToTheInitialDelayAndTheRetryGoesOn() {
        int before = BrokenStrategy.CALLS.get();
        assertEquals("ok", service.withBroken());
        assertEquals(4, service.calls.get());
        assertEquals(before + 3, BrokenStrategy.CALLS.get());
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.CustomBackoffTest$Service/withPlain/CustomBackoff/value="
            + "org.resilientcircuit.cdi.CustomBackoffTest$BeanStrategy")
    void configurationNamesAnotherStrategy() {
        assertThrows(IllegalStateException.class, service::withPlain);
        assertEquals(List.of("bean 1:40:attempt 1", "bean 2:40:attempt 2"), journal.entries());
    }

    @Test
    void theBeanIsTheContainersInstance() {
        BackoffStrategy strategy = BackoffReader.Custom.create(BeanStrategy.class, beans);
        strategy.nextDelayMillis(7, 1, new RuntimeException("direct"));
        assertEquals(List.of("bean 7:1:direct"), journal.entries(), "the same application-scoped instance");
    }

    @Test
    void resultsAreClippedToZeroAndToTheLargestDelay() {
        BackoffReader.Custom negative = new BackoffReader.Custom(PlainStrategy.class, 40, "m", () -> beans);
        assertEquals(0, negative.delayMillis(1, new RuntimeException("x")));
        BackoffReader.Custom huge = new BackoffReader.Custom(Huge.class, 40, "m", () -> beans);
        assertEquals(Backoffs.MAX_DELAY_MILLIS, huge.delayMillis(1, new RuntimeException("x")));
    }

    @Test
    void aStrategyThatCannotBeObtainedFallsBackToTheInitialDelay() {
        BackoffReader.Custom unobtainable = new BackoffReader.Custom(PlainStrategy.class, 40, "m", () -> {
            throw new IllegalStateException("no container");
        });
        assertEquals(40, unobtainable.delayMillis(1, new RuntimeException("x")));
        assertEquals(40, unobtainable.delayMillis(2, new RuntimeException("x")), "and again, without hanging or throwing");
    }

    @Test
    void theStrategyIsObtainedOnlyOnce() {
        AtomicInteger lookups = new AtomicInteger();
        BackoffReader.Custom custom = new BackoffReader.Custom(BeanStrategy.class, 5, "m", () -> {
            lookups.incrementAndGet();
            return beans;
        });
        for (int retry = 1; retry <= 3; retry++) {
            custom.delayMillis(retry, new RuntimeException("r" + retry));
        }
        assertEquals(1, lookups.get());
        assertTrue(journal.entries().contains("bean 3:5:r3"));
    }

    public static class Huge implements BackoffStrategy {
        @Override
        public long nextDelayMillis(int retry, long initialDelayMillis, Throwable lastFailure) {
            return Long.MAX_VALUE;
        }
    }
}
