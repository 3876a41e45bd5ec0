package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code mp.fault.tolerance.interceptor.priority} places our interceptor relative to an application interceptor
 * (priority 2000): inside it by default (4010), so a retry does not pass the application interceptor again; outside
 * it when configured below 2000, so every retry does.
 */
@ExtendWith(WithConfig.Properties.class)
@EnableWeld
class InterceptorPriorityTest {

    static final AtomicInteger INTERCEPTED = new AtomicInteger();

    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Counted {
    }

    @Interceptor
    @Counted
    @Priority(Interceptor.Priority.APPLICATION)
    public static class Counting {
        @AroundInvoke
        Object count(InvocationContext context) throws Exception {
            INTERCEPTED.incrementAndGet();
            return context.proceed();
        }
    }

    @Dependent
    public static class Flaky {
        final AtomicInteger calls = new AtomicInteger();

        @Counted
        @Retry(maxRetries = 2, jitter = 0)
        public void call() {
            calls.incrementAndGet();
            throw new IllegalStateException("always");
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(Flaky.class, Counting.class)).build();

    @Inject
    Flaky flaky;

    @AfterEach
    void reset() {
        INTERCEPTED.set(0);
    }

    @Test
    void byDefaultRetriesHappenInsideApplicationInterceptors() {
        assertThrows(IllegalStateException.class, flaky::call);
        assertEquals(3, flaky.calls.get());
        assertEquals(1, INTERCEPTED.get());
    }

    @Test
    @WithConfig("mp.fault.tolerance.interceptor.priority=1000")
    void aLowerPriorityPutsRetriesOutsideApplicationInterceptors() {
        assertThrows(IllegalStateException.class, flaky::call);
        assertEquals(3, flaky.calls.get());
        assertEquals(3, INTERCEPTED.get());
    }
}
