package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.inject.Inject;

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

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(ApplicationInterceptor.Flaky.class, ApplicationInterceptor.Counting.class)).build();

    @Inject
    ApplicationInterceptor.Flaky flaky;

    @AfterEach
    void reset() {
        ApplicationInterceptor.COUNTED.set(0);
    }

    @Test
    void byDefaultRetriesHappenInsideApplicationInterceptors() {
        assertThrows(IllegalStateException.class, flaky::call);
        assertEquals(3, flaky.calls());
        assertEquals(1, ApplicationInterceptor.COUNTED.get());
    }

    @Test
    @WithConfig("mp.fault.tolerance.interceptor.priority=1000")
    void aLowerPriorityPutsRetriesOutsideApplicationInterceptors() {
        assertThrows(IllegalStateException.class, flaky::call);
        assertEquals(3, flaky.calls());
        assertEquals(3, ApplicationInterceptor.COUNTED.get());
    }
}
