package org.resilientcircuit.cdi;

import static org.resilientcircuit.cdi.DeploymentErrors.assertNames;
import static org.resilientcircuit.cdi.DeploymentErrors.deploymentError;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An invalid policy fails the deployment, and the message says where: class, method and parameter. */
@ExtendWith(WithConfig.Properties.class)
class DefinitionErrorTest {

    @Dependent
    public static class EmptyBreakerKey {
        @CircuitBreaker
        @org.resilientcircuit.api.BreakerKey("")
        public void call() {
        }
    }

    @Dependent
    public static class OverlongBreakerKey {
        @CircuitBreaker
        @org.resilientcircuit.api.BreakerKey("k234567890123456789012345678901234567890123456789012345678901234567890"
                + "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"
                + "12345678901234567890123456789012345678901234567890123456789012345678901234567890123456")
        public void call() {
        }
    }

    @Test
    void emptyBreakerKey() {
        assertNames(deploymentError(EmptyBreakerKey.class), EmptyBreakerKey.class, "@BreakerKey", "parameter value",
                "1 to 255 characters");
    }

    @Test
    void breakerKeyOver255Characters() {
        assertNames(deploymentError(OverlongBreakerKey.class), OverlongBreakerKey.class, "@BreakerKey", "parameter value",
                "k2345678901");
    }

    @Dependent
    public static class NegativeRetries {
        @Retry(maxRetries = -2)
        public void call() {
        }
    }

    @Dependent
    public static class RatioAboveOne {
        @CircuitBreaker(failureRatio = 1.5)
        public void call() {
        }
    }

    @Dependent
    public static class EmptyBulkhead {
        @Bulkhead(0)
        public void call() {
        }
    }

    @Dependent
    public static class NegativeTimeout {
        @Timeout(-1)
        public void call() {
        }
    }

    @Dependent
    public static class AsynchronousString {
        @Asynchronous
        public String call() {
            return "";
        }
    }

    @Dependent
    public static class MissingFallbackMethod {
        @Fallback(fallbackMethod = "missing")
        public String call() {
            return "";
        }
    }

    @Dependent
    public static class HandlerAndMethod {
        @Fallback(value = StringHandler.class, fallbackMethod = "fallback")
        public String call() {
            return "";
        }

        public String fallback() {
            return "";
        }
    }

    @Dependent
    public static class HandlerOfWrongType {
        @Fallback(IntegerHandler.class)
        public String call() {
            return "";
        }
    }

    @Dependent
    public static class ConfiguredRetries {
        @Retry(maxRetries = 1)
        public void call() {
        }
    }

    public static class StringHandler implements FallbackHandler<String> {
        @Override
        public String handle(ExecutionContext context) {
            return "";
        }
    }

    public static class IntegerHandler implements FallbackHandler<Integer> {
        @Override
        public Integer handle(ExecutionContext context) {
            return 0;
        }
    }

    @Test
    void negativeMaxRetries() {
        assertNames(deploymentError(NegativeRetries.class), NegativeRetries.class, "@Retry", "maxRetries", "-2");
    }

    @Test
    void failureRatioAboveOne() {
        assertNames(deploymentError(RatioAboveOne.class), RatioAboveOne.class, "@CircuitBreaker", "failureRatio", "1.5");
    }

    @Test
    void bulkheadOfZero() {
        assertNames(deploymentError(EmptyBulkhead.class), EmptyBulkhead.class, "@Bulkhead", "parameter value", "0");
    }

    @Test
    void negativeTimeout() {
        assertNames(deploymentError(NegativeTimeout.class), NegativeTimeout.class, "@Timeout", "parameter value", "-1");
    }

    @Test
    void asynchronousMethodReturningString() {
        assertNames(deploymentError(AsynchronousString.class), AsynchronousString.class, "@Asynchronous",
                "java.lang.String");
    }

    @Test
    void fallbackMethodThatDoesNotExist() {
        assertNames(deploymentError(MissingFallbackMethod.class), MissingFallbackMethod.class, "@Fallback",
                "fallbackMethod", "missing");
    }

    @Test
    void fallbackWithBothHandlerAndMethod() {
        assertNames(deploymentError(HandlerAndMethod.class), HandlerAndMethod.class, "@Fallback", "value",
                "fallbackMethod", StringHandler.class.getName());
    }

    @Test
    void fallbackHandlerOfAnotherType() {
        assertNames(deploymentError(HandlerOfWrongType.class), HandlerOfWrongType.class, "@Fallback", "parameter value",
                IntegerHandler.class.getName(), "java.lang.Integer", "java.lang.String");
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.DefinitionErrorTest$ConfiguredRetries/call/Retry/maxRetries=abc")
    void configuredValueThatIsNotANumber() {
        String message = deploymentError(ConfiguredRetries.class).getMessage();
        assertTrue(message.contains(ConfiguredRetries.class.getName() + "/call/Retry/maxRetries"),
                () -> "names the key: " + message);
        assertTrue(message.contains("abc"), () -> "shows the value: " + message);
    }
}
