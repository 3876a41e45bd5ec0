package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Which configuration key wins for {@code @Retry(maxRetries = 1)}, counted in invocations of the method. */
@ExtendWith(WithConfig.Properties.class)
@EnableWeld
class ConfigPrecedenceTest {

    private static final String METHOD_BEAN = MethodRetry.class.getName();
    private static final String CLASS_BEAN = ClassRetry.class.getName();

    @Dependent
    public static class MethodRetry {
        final AtomicInteger calls = new AtomicInteger();

        @Retry(maxRetries = 1, jitter = 0)
        public void call() {
            calls.incrementAndGet();
            throw new IllegalStateException("always");
        }

        @Retry(maxRetries = 1, jitter = 0)
        @Fallback(fallbackMethod = "fallback")
        public String withFallback() {
            calls.incrementAndGet();
            throw new IllegalStateException("always");
        }

        String fallback() {
            return "fallback";
        }
    }

    @Dependent
    @Retry(maxRetries = 1, jitter = 0)
    public static class ClassRetry {
        final AtomicInteger calls = new AtomicInteger();

        public void call() {
            calls.incrementAndGet();
            throw new IllegalStateException("always");
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(MethodRetry.class, ClassRetry.class)).build();

    @Inject
    MethodRetry methodRetry;

    @Inject
    ClassRetry classRetry;

    private int invocationsOf(Runnable call, AtomicInteger counter) {
        assertThrows(IllegalStateException.class, call::run);
        return counter.get();
    }

    private int methodLevel() {
        return invocationsOf(methodRetry::call, methodRetry.calls);
    }

    private int classLevel() {
        return invocationsOf(classRetry::call, classRetry.calls);
    }

    @Test
    void annotationValueWithoutConfiguration() {
        assertEquals(2, methodLevel());
        assertEquals(2, classLevel());
    }

    @Test
    @WithConfig("Retry/maxRetries=3")
    void globalKeyOverridesTheAnnotation() {
        assertEquals(4, methodLevel());
        assertEquals(4, classLevel());
    }

    @Test
    @WithConfig({"Retry/maxRetries=3", "org.resilientcircuit.cdi.ConfigPrecedenceTest$MethodRetry/call/Retry/maxRetries=2"})
    void methodKeyOverridesTheGlobalKey() {
        assertEquals(3, methodLevel());
        assertEquals(4, classLevel(), "the method key of another class does not apply");
    }

    @Test
    @WithConfig({"Retry/maxRetries=3", "org.resilientcircuit.cdi.ConfigPrecedenceTest$ClassRetry/Retry/maxRetries=2"})
    void classKeyOverridesTheGlobalKeyForAClassLevelAnnotation() {
        assertEquals(3, classLevel());
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.ConfigPrecedenceTest$MethodRetry/Retry/maxRetries=4")
    void classKeyIsIgnoredForAMethodLevelAnnotation() {
        assertEquals(2, methodLevel());
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.ConfigPrecedenceTest$MethodRetry/call/Retry/enabled=false")
    void methodKeyDisablesRetry() {
        assertEquals(1, methodLevel());
        methodRetry.calls.set(0);
        assertEquals("fallback", methodRetry.withFallback());
        assertEquals(2, methodRetry.calls.get(), "only call() is disabled");
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.ConfigPrecedenceTest$MethodRetry/Retry/enabled=false")
    void classKeyDisablesMethodLevelRetries() {
        assertEquals(1, methodLevel());
        assertEquals(2, classLevel(), "another class is untouched");
    }

    @Test
    @WithConfig("MP_Fault_Tolerance_NonFallback_Enabled=false")
    void nonFallbackSwitchDisablesRetryButNotFallback() {
        assertEquals(1, methodLevel());
        methodRetry.calls.set(0);
        assertEquals("fallback", methodRetry.withFallback());
        assertEquals(1, methodRetry.calls.get());
    }

    @Test
    @WithConfig({"MP_Fault_Tolerance_NonFallback_Enabled=false", "Retry/enabled=true"})
    void retryEnabledKeyBeatsTheNonFallbackSwitch() {
        assertEquals(2, methodLevel());
        assertEquals(2, classLevel());
    }

    @Test
    void keysOfOneTestDoNotLeakIntoTheNext() {
        assertEquals(null, System.getProperty("Retry/maxRetries"));
        assertEquals(2, methodLevel());
    }
}
