package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.resilientcircuit.api.BackoffStrategy;
import org.resilientcircuit.api.CustomBackoff;
import org.resilientcircuit.api.ExponentialBackoff;
import org.resilientcircuit.api.FibonacciBackoff;
import org.resilientcircuit.engine.Backoff;
import org.resilientcircuit.engine.Backoffs;

/**
 * Which backoff a method gets, from its annotations and the configuration: every parameter of every backoff
 * annotation overridden by method, class and global key, and {@code enabled}. The deployment itself (with the
 * extension) must succeed for each configuration; the backoff is then read as the extension reads it.
 */
@ExtendWith(WithConfig.Properties.class)
@EnableWeld
class BackoffConfigTest {

    private static final String EXP_CALL = "org.resilientcircuit.cdi.BackoffConfigTest$Exponential/call/ExponentialBackoff/";

    @Dependent
    public static class Exponential {
        @Retry(delay = 100, jitter = 0)
        @ExponentialBackoff(factor = 3, maxDelay = 5000)
        public void call() {
        }

        @Retry(delay = 100, jitter = 0)
        @ExponentialBackoff
        public void defaults() {
        }

        @Retry(delay = 100, jitter = 0)
        public void fixed() {
        }
    }

    @Dependent
    @Retry(delay = 100, jitter = 0)
    @FibonacciBackoff(maxDelay = 1, maxDelayUnit = ChronoUnit.SECONDS)
    public static class ClassFibonacci {
        public void call() {
        }

        @ExponentialBackoff(maxDelay = 2000)
        public void exponential() {
        }
    }

    @Dependent
    public static class Custom {
        @Retry(delay = 100, jitter = 0)
        @CustomBackoff(Linear.class)
        public void call() {
        }
    }

    @ExponentialBackoff(factor = 5)
    public static class ExponentialBase {
    }

    @Dependent
    @Retry(delay = 10, jitter = 0)
    @FibonacciBackoff(maxDelay = 100)
    public static class FibonacciSubclass extends ExponentialBase {
        public void call() {
        }
    }

    public static class Linear implements BackoffStrategy {
        @Override
        public long nextDelayMillis(int retry, long initialDelayMillis, Throwable lastFailure) {
            return retry * initialDelayMillis;
        }
    }

    public static class Constant implements BackoffStrategy {
        @Override
        public long nextDelayMillis(int retry, long initialDelayMillis, Throwable lastFailure) {
            return 42;
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(Exponential.class, ClassFibonacci.class, Custom.class, FibonacciSubclass.class)).build();

    @Inject
    BeanManager beans;

    private MethodDefinition definition(Class<?> bean, String method) {
        AnnotatedType<?> type = beans.createAnnotatedType(bean);
        AnnotatedMethod<?> annotated = type.getMethods().stream()
                .filter(m -> m.getJavaMember().getName().equals(method))
                .findFirst().orElseThrow();
        return new PolicyReader(new PolicyConfig(ConfigProvider.getConfig())).read(bean, type, annotated);
    }

    private Backoff backoff(Class<?> bean, String method) {
        return definition(bean, method).retry().backoff();
    }

    private static void assertFixed(long delay, Backoff backoff) {
        assertFalse(backoff instanceof Backoffs.Exponential || backoff instanceof Backoffs.Fibonacci
                || backoff instanceof BackoffReader.Custom, () -> "fixed expected: " + backoff);
        for (int retry = 1; retry <= 5; retry++) {
            assertEquals(delay, backoff.delayMillis(retry, null));
        }
    }

    @Test
    void annotationValues() {
        assertEquals(Backoffs.exponential(100, 3, 5000), backoff(Exponential.class, "call"));
        assertEquals(Backoffs.fibonacci(100, 1000), backoff(ClassFibonacci.class, "call"));
        BackoffReader.Custom custom = assertInstanceOf(BackoffReader.Custom.class, backoff(Custom.class, "call"));
        assertEquals(Linear.class, custom.type());
        assertEquals(100, custom.initialDelayMillis());
    }

    @Test
    void defaultsAreFactorTwoAndOneMinute() {
        assertEquals(Backoffs.exponential(100, 2, 60_000), backoff(Exponential.class, "defaults"));
    }

    @Test
    void withoutABackoffAnnotationTheDelayIsFixed() {
        assertFixed(100, backoff(Exponential.class, "fixed"));
    }

    @Test
    void aMethodLevelBackoffReplacesTheClassLevelOneOfAnotherKind() {
        assertEquals(Backoffs.exponential(100, 2, 2000), backoff(ClassFibonacci.class, "exponential"));
        assertEquals(Backoffs.fibonacci(100, 1000), backoff(ClassFibonacci.class, "call"));
    }

    @Test
    void aSubclassBackoffReplacesAnInheritedOneOfAnotherKind() {
        assertEquals(Backoffs.fibonacci(10, 100), backoff(FibonacciSubclass.class, "call"));
    }

    @Test
    @WithConfig("ExponentialBackoff/factor=1.5")
    void globalFactor() {
        assertEquals(Backoffs.exponential(100, 1.5, 5000), backoff(Exponential.class, "call"));
        assertEquals(Backoffs.exponential(100, 1.5, 2000), backoff(ClassFibonacci.class, "exponential"));
    }

    @Test
    @WithConfig({"ExponentialBackoff/factor=1.5",
            "org.resilientcircuit.cdi.BackoffConfigTest$Exponential/call/ExponentialBackoff/factor=4"})
    void methodFactorBeatsTheGlobalOne() {
        assertEquals(Backoffs.exponential(100, 4, 5000), backoff(Exponential.class, "call"));
        assertEquals(Backoffs.exponential(100, 1.5, 60_000), backoff(Exponential.class, "defaults"));
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.BackoffConfigTest$Exponential/ExponentialBackoff/factor=4")
    void classKeyIsIgnoredForAMethodLevelAnnotation() {
        assertEquals(Backoffs.exponential(100, 3, 5000), backoff(Exponential.class, "call"));
    }

    @Test
    @WithConfig({"FibonacciBackoff/maxDelay=700",
            "org.resilientcircuit.cdi.BackoffConfigTest$ClassFibonacci/FibonacciBackoff/maxDelay=3"})
    void classKeyBeatsTheGlobalKeyForAClassLevelAnnotation() {
        assertEquals(Backoffs.fibonacci(100, 3000), backoff(ClassFibonacci.class, "call"), "3 in the annotation's SECONDS");
        assertEquals(Backoffs.fibonacci(10, 700), backoff(FibonacciSubclass.class, "call"));
    }

    @Test
    @WithConfig({EXP_CALL + "maxDelay=2", EXP_CALL + "maxDelayUnit=MINUTES"})
    void exponentialMaxDelayAndUnit() {
        assertEquals(Backoffs.exponential(100, 3, 120_000), backoff(Exponential.class, "call"));
    }

    @Test
    @WithConfig({"org.resilientcircuit.cdi.BackoffConfigTest$ClassFibonacci/Retry/delay=1",
            "org.resilientcircuit.cdi.BackoffConfigTest$ClassFibonacci/FibonacciBackoff/maxDelayUnit=MINUTES"})
    void theConfiguredRetryDelayIsTheInitialDelay() {
        assertEquals(Backoffs.fibonacci(1, 60_000), backoff(ClassFibonacci.class, "call"));
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.BackoffConfigTest$Exponential/call/Retry/delay=250")
    void configuredRetryDelayIsTheInitialDelay() {
        assertEquals(Backoffs.exponential(250, 3, 5000), backoff(Exponential.class, "call"));
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.BackoffConfigTest$Custom/call/CustomBackoff/value="
            + "org.resilientcircuit.cdi.BackoffConfigTest$Constant")
    void customStrategyClass() {
        assertEquals(Constant.class, ((BackoffReader.Custom) backoff(Custom.class, "call")).type());
    }

    @Test
    @WithConfig(EXP_CALL + "enabled=false")
    void methodKeyDisablesTheBackoff() {
        assertFixed(100, backoff(Exponential.class, "call"));
        assertEquals(Backoffs.exponential(100, 2, 60_000), backoff(Exponential.class, "defaults"), "only call() is disabled");
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.BackoffConfigTest$Exponential/ExponentialBackoff/enabled=false")
    void classKeyDisablesMethodLevelBackoffs() {
        assertFixed(100, backoff(Exponential.class, "call"));
        assertFixed(100, backoff(Exponential.class, "defaults"));
        assertEquals(Backoffs.exponential(100, 2, 2000), backoff(ClassFibonacci.class, "exponential"), "another class");
    }

    @Test
    @WithConfig({"ExponentialBackoff/enabled=false", EXP_CALL + "enabled=true"})
    void methodKeyBeatsTheGlobalEnabledKey() {
        assertEquals(Backoffs.exponential(100, 3, 5000), backoff(Exponential.class, "call"));
        assertFixed(100, backoff(Exponential.class, "defaults"));
    }

    @Test
    @WithConfig({"FibonacciBackoff/enabled=false", "CustomBackoff/enabled=false"})
    void globalKeysDisableFibonacciAndCustom() {
        assertFixed(100, backoff(ClassFibonacci.class, "call"));
        assertFixed(10, backoff(FibonacciSubclass.class, "call"));
        assertFixed(100, backoff(Custom.class, "call"));
        assertEquals(Backoffs.exponential(100, 2, 2000), backoff(ClassFibonacci.class, "exponential"));
    }

    @Test
    @WithConfig({"ExponentialBackoff/enabled=false", EXP_CALL + "factor=0"})
    void aDisabledBackoffIsNotValidated() {
        assertFixed(100, backoff(Exponential.class, "call"));
    }

    @Test
    @WithConfig({"Retry/enabled=false", EXP_CALL + "factor=0"})
    void aDisabledRetryHasNoBackoff() {
        assertNull(definition(Exponential.class, "call").retry());
    }

    @Test
    @WithConfig({"MP_Fault_Tolerance_NonFallback_Enabled=false", "Retry/enabled=true"})
    void theNonFallbackSwitchDoesNotDisableTheBackoffOfAReenabledRetry() {
        assertEquals(Backoffs.exponential(100, 3, 5000), backoff(Exponential.class, "call"));
    }
}
