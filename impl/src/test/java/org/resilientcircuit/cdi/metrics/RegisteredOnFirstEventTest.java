package org.resilientcircuit.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.resilientcircuit.engine.MethodMetrics;

/** Registration waits for the method's first event, happens once, and never after the metrics were unregistered. */
class RegisteredOnFirstEventTest {

    /** Counts the events it receives. */
    private static final class Counting implements MethodMetrics {
        final AtomicInteger events = new AtomicInteger();

        @Override
        public void invocation(boolean valueReturned, FallbackUse fallback) {
            events.incrementAndGet();
        }

        @Override
        public void circuitBreakerOpened() {
            events.incrementAndGet();
        }
    }

    @Test
    void registersAtTheFirstEventOnly() {
        Counting delegate = new Counting();
        AtomicInteger registrations = new AtomicInteger();
        MethodMetrics metrics = new RegisteredOnFirstEvent(delegate, () -> registrations.incrementAndGet() > 0);
        assertEquals(0, registrations.get(), "nothing at deployment");

        metrics.circuitBreakerOpened(); // a breaker shared with another method can open before this one's first call
        metrics.invocation(true, MethodMetrics.FallbackUse.NOT_DEFINED);
        metrics.invocation(false, MethodMetrics.FallbackUse.NOT_DEFINED);

        assertEquals(1, registrations.get());
        assertEquals(3, delegate.events.get());
    }

    @Test
    void eventsAfterTheMetricsWereUnregisteredGoNowhere() {
        Counting delegate = new Counting();
        MethodMetrics metrics = new RegisteredOnFirstEvent(delegate, () -> false);

        metrics.invocation(true, MethodMetrics.FallbackUse.NOT_DEFINED);

        assertEquals(0, delegate.events.get());
    }
}
