package org.resilientcircuit.cdi;

import static org.resilientcircuit.cdi.DeploymentErrors.assertNames;
import static org.resilientcircuit.cdi.DeploymentErrors.deploy;
import static org.resilientcircuit.cdi.DeploymentErrors.deploymentError;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.resilientcircuit.api.BackoffStrategy;
import org.resilientcircuit.api.CustomBackoff;
import org.resilientcircuit.api.ExponentialBackoff;
import org.resilientcircuit.api.FibonacciBackoff;

/** A nonsensical backoff fails the deployment, and the message says where: annotation, class, method and parameter. */
@ExtendWith(WithConfig.Properties.class)
class BackoffDefinitionErrorTest {

    @Dependent
    public static class FactorBelowOne {
        @Retry
        @ExponentialBackoff(factor = 0.5)
        public void call() {
        }
    }

    @Dependent
    public static class ExponentialCapBelowDelay {
        @Retry(delay = 500)
        @ExponentialBackoff(maxDelay = 499)
        public void call() {
        }
    }

    @Dependent
    public static class FibonacciCapBelowDelay {
        @Retry(delay = 2, delayUnit = ChronoUnit.SECONDS)
        @FibonacciBackoff(maxDelay = 1500)
        public void call() {
        }
    }

    @Dependent
    public static class NegativeCap {
        @Retry(delay = 0)
        @FibonacciBackoff(maxDelay = -1)
        public void call() {
        }
    }

    @Dependent
    public static class TwoOnTheMethod {
        @Retry
        @ExponentialBackoff
        @FibonacciBackoff
        public void call() {
        }
    }

    @Dependent
    @Retry
    @FibonacciBackoff
    @CustomBackoff(Fixed.class)
    public static class TwoOnTheClass {
        public void call() {
        }
    }

    @Dependent
    public static class BackoffWithoutRetry {
        @ExponentialBackoff
        public void call() {
        }
    }

    @Dependent
    public static class BackoffWithTimeoutButNoRetry {
        @Timeout
        @FibonacciBackoff
        public void call() {
        }
    }

    @Dependent
    @ExponentialBackoff
    public static class ClassBackoffWithoutAnyRetry {
        public void call() {
        }
    }

    @Dependent
    @ExponentialBackoff
    public static class ClassBackoffWithOneRetryMethod {
        @Retry(delay = 10, jitter = 0)
        public void retried() {
        }

        public void call() {
        }
    }

    @Dependent
    public static class Configured {
        @Retry(delay = 100)
        @ExponentialBackoff
        @CustomBackoff(Fixed.class)
        public void call() {
        }
    }

    @Dependent
    public static class ConfiguredCustom {
        @Retry
        @CustomBackoff(Fixed.class)
        public void call() {
        }
    }

    @Dependent
    public static class ConfiguredExponential {
        @Retry(delay = 100)
        @ExponentialBackoff
        public void call() {
        }
    }

    @Dependent
    public static class AbstractStrategy {
        @Retry
        @CustomBackoff(Abstract.class)
        public void call() {
        }
    }

    @Dependent
    public static class InterfaceStrategy {
        @Retry
        @CustomBackoff(Interface.class)
        public void call() {
        }
    }

    @Dependent
    public static class StrategyWithoutUsableConstructor {
        @Retry
        @CustomBackoff(NeedsArguments.class)
        public void call() {
        }
    }

    @Dependent
    public static class InnerClassStrategy {
        @Retry
        @CustomBackoff(Inner.class)
        public void call() {
        }

        class Inner implements BackoffStrategy {
            @Override
            public long nextDelayMillis(int retry, long initialDelayMillis, Throwable lastFailure) {
                return 0;
            }
        }
    }

    public static class Fixed implements BackoffStrategy {
        @Override
        public long nextDelayMillis(int retry, long initialDelayMillis, Throwable lastFailure) {
            return initialDelayMillis;
        }
    }

    public abstract static class Abstract implements BackoffStrategy {
    }

    public interface Interface extends BackoffStrategy {
    }

    public static class NeedsArguments implements BackoffStrategy {
        public NeedsArguments(long delay) {
        }

        @Override
        public long nextDelayMillis(int retry, long initialDelayMillis, Throwable lastFailure) {
            return 0;
        }
    }

    @Test
    void factorBelowOne() {
        assertNames(FactorBelowOne.class, "@ExponentialBackoff", "parameter factor", "0.5");
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.BackoffDefinitionErrorTest$ConfiguredExponential/call/ExponentialBackoff/factor=0.99")
    void configuredFactorBelowOne() {
        assertNames(ConfiguredExponential.class, "@ExponentialBackoff", "parameter factor", "0.99");
    }

    @Test
    @WithConfig("ExponentialBackoff/factor=NaN")
    void configuredFactorThatIsNotANumber() {
        assertNames(ConfiguredExponential.class, "@ExponentialBackoff", "parameter factor", "NaN");
    }

    @Test
    @WithConfig("ExponentialBackoff/factor=Infinity")
    void infiniteFactor() {
        assertNames(ConfiguredExponential.class, "@ExponentialBackoff", "parameter factor", "Infinity");
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.BackoffDefinitionErrorTest$ConfiguredExponential/call/ExponentialBackoff/factor=abc")
    void configuredFactorThatDoesNotParse() {
        String message = deploymentError(ConfiguredExponential.class).getMessage();
        assertTrue(message.contains(ConfiguredExponential.class.getName() + "/call/ExponentialBackoff/factor"),
                () -> "names the key: " + message);
        assertTrue(message.contains("abc"), () -> "shows the value: " + message);
    }

    @Test
    void exponentialMaxDelayBelowTheRetryDelay() {
        assertNames(ExponentialCapBelowDelay.class, "@ExponentialBackoff", "parameter maxDelay", "500 ms", "499 ms");
    }

    @Test
    void fibonacciMaxDelayBelowTheRetryDelayInAnotherUnit() {
        assertNames(FibonacciCapBelowDelay.class, "@FibonacciBackoff", "parameter maxDelay", "2000 ms", "1500 ms");
    }

    @Test
    void negativeMaxDelay() {
        assertNames(NegativeCap.class, "@FibonacciBackoff", "parameter maxDelay", "-1");
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.BackoffDefinitionErrorTest$ConfiguredExponential/call/Retry/delay=70000")
    void configuredRetryDelayAboveTheDefaultCap() {
        assertNames(ConfiguredExponential.class, "@ExponentialBackoff", "parameter maxDelay", "70000 ms", "60000 ms");
    }

    @Test
    @WithConfig("ExponentialBackoff/maxDelayUnit=MICROS")
    void configuredUnitMakesTheCapTooSmall() {
        assertNames(ConfiguredExponential.class, "@ExponentialBackoff", "parameter maxDelay", "60 ms");
    }

    @Test
    void twoBackoffsOnOneMethod() {
        assertNames(TwoOnTheMethod.class, "only one backoff annotation", "@ExponentialBackoff", "@FibonacciBackoff");
    }

    @Test
    void twoBackoffsOnOneClass() {
        assertNames(TwoOnTheClass.class, "only one backoff annotation", "on a class", TwoOnTheClass.class.getName(),
                "@FibonacciBackoff", "@CustomBackoff");
    }

    @Test
    void backoffWithoutRetry() {
        assertNames(BackoffWithoutRetry.class, "@ExponentialBackoff", "needs @Retry");
    }

    @Test
    void backoffWithOtherPoliciesButWithoutRetry() {
        assertNames(BackoffWithTimeoutButNoRetry.class, "@FibonacciBackoff", "needs @Retry");
    }

    @Test
    void classLevelBackoffWithoutAnyRetry() {
        assertNames(ClassBackoffWithoutAnyRetry.class, "@ExponentialBackoff", "declared on class", "needs @Retry");
    }

    @Test
    void classLevelBackoffForTheRetryMethodsOfItsClass() {
        deploy(ClassBackoffWithOneRetryMethod.class);
    }

    @Test
    @WithConfig("ExponentialBackoff/enabled=false")
    void disablingDoesNotExcuseAMissingRetry() {
        assertNames(BackoffWithoutRetry.class, "@ExponentialBackoff", "needs @Retry");
    }

    @Test
    @WithConfig("ExponentialBackoff/enabled=false")
    void disablingDoesNotExcuseTwoBackoffs() {
        assertNames(Configured.class, "only one backoff annotation");
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.BackoffDefinitionErrorTest$ConfiguredCustom/call/CustomBackoff/value=java.lang.String")
    void customClassThatIsNotAStrategy() {
        assertNames(ConfiguredCustom.class, "@CustomBackoff", "parameter value", "java.lang.String",
                BackoffStrategy.class.getName());
    }

    @Test
    @WithConfig("CustomBackoff/value=org.example.Missing")
    void customClassThatDoesNotExist() {
        String message = deploymentError(ConfiguredCustom.class).getMessage();
        assertTrue(message.contains("CustomBackoff/value") && message.contains("org.example.Missing"), message);
    }

    @Test
    void abstractStrategy() {
        assertNames(AbstractStrategy.class, "@CustomBackoff", "parameter value", Abstract.class.getName(), "abstract");
    }

    @Test
    void interfaceStrategy() {
        assertNames(InterfaceStrategy.class, "@CustomBackoff", "parameter value", Interface.class.getName(), "interface");
    }

    @Test
    void strategyWithoutUsableConstructor() {
        assertNames(StrategyWithoutUsableConstructor.class, "@CustomBackoff", NeedsArguments.class.getName(),
                "@Inject constructor");
    }

    @Test
    void innerClassStrategy() {
        assertNames(InnerClassStrategy.class, "@CustomBackoff", "non-static inner class");
    }
}
