package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.resilientcircuit.api.FailureWhen;

/**
 * {@code @FailureWhen} through the interceptor: results a predicate matches count as failures and open the breaker
 * (the caller still gets them); exceptions the predicate does not match count as successes; sync and async alike.
 */
@ExtendWith(WithConfig.Properties.class)
@EnableWeld
class FailureWhenTest {

    public record Response(int status) {
    }

    public static class ServerError implements Predicate<Response> {
        @Override
        public boolean test(Response response) {
            return response.status() >= 500;
        }
    }

    public static class Overloaded implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable failure) {
            return "overloaded".equals(failure.getMessage());
        }
    }

    @ApplicationScoped
    public static class Service {
        @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 1, delayUnit = ChronoUnit.HOURS)
        @FailureWhen(result = ServerError.class)
        public Response call(int status) {
            return new Response(status);
        }

        @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 1, delayUnit = ChronoUnit.HOURS)
        @FailureWhen(exception = Overloaded.class)
        public void fail(String message) {
            throw new IllegalStateException(message);
        }

        @Asynchronous
        @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 1, delayUnit = ChronoUnit.HOURS)
        @FailureWhen(result = ServerError.class)
        public CompletionStage<Response> callAsync(int status) {
            return CompletableFuture.completedFuture(new Response(status));
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(Service.class)).build();

    @Inject
    Service service;

    @Test
    void matchingResultsOpenTheBreakerAndTheCallerStillGetsThem() {
        for (int i = 0; i < 4; i++) {
            assertEquals(new Response(503), service.call(503));
        }
        assertThrows(CircuitBreakerOpenException.class, () -> service.call(200));
    }

    @Test
    void otherResultsAreSuccesses() {
        for (int i = 0; i < 10; i++) {
            assertEquals(new Response(404), service.call(404));
        }
        assertEquals(new Response(200), service.call(200));
    }

    @Test
    void exceptionsThePredicateDoesNotMatchCountAsSuccesses() {
        for (int i = 0; i < 10; i++) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> service.fail("bad input"));
            assertEquals("bad input", thrown.getMessage(), "the caller still gets the exception");
        }
        // the window of the last 4 calls: 2 successes ("bad input") and 2 failures reach the ratio of 0.5
        assertThrows(IllegalStateException.class, () -> service.fail("overloaded"));
        assertThrows(IllegalStateException.class, () -> service.fail("overloaded"));
        assertThrows(CircuitBreakerOpenException.class, () -> service.fail("bad input"));
    }

    @Test
    void completionStageResultsAreJudgedToo() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertEquals(new Response(500), service.callAsync(500).toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
        ExecutionException rejected = assertThrows(ExecutionException.class,
                () -> service.callAsync(200).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(rejected.getCause() instanceof CircuitBreakerOpenException);
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.FailureWhenTest$Service/call/FailureWhen/enabled=false")
    void theEnabledKeySwitchesItOff() {
        for (int i = 0; i < 10; i++) {
            assertEquals(new Response(503), service.call(503));
        }
    }

    @Test
    @WithConfig("FailureWhen/exception=org.resilientcircuit.api.Always")
    void theGlobalKeyReplacesThePredicate() {
        for (int i = 0; i < 4; i++) {
            assertThrows(IllegalStateException.class, () -> service.fail("bad input"));
        }
        assertThrows(CircuitBreakerOpenException.class, () -> service.fail("bad input"));
    }
}
