package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.resilientcircuit.api.RetryWhen;

/**
 * {@code @RetryWhen} through the interceptor: results a predicate matches are retried, and when the retry gives up the
 * caller gets the last result; an exception predicate narrows {@code retryOn}, {@code abortOn} still wins; the same for
 * a {@code CompletionStage} method; configuration replaces or switches off the predicates.
 */
@ExtendWith(WithConfig.Properties.class)
@EnableWeld
class RetryWhenTest {

    /** What an HTTP client might return. */
    public record Response(int status) {
    }

    /** A bean: it counts what it was asked, so the test sees the container's instance is used. */
    @ApplicationScoped
    public static class ServiceUnavailable implements Predicate<Response> {
        private final AtomicInteger asked = new AtomicInteger();

        int asked() {
            return asked.get();
        }

        @Override
        public boolean test(Response response) {
            asked.incrementAndGet();
            return response != null && response.status() == 503;
        }
    }

    /** Not a bean of this deployment: created through the container. */
    public static class EmptyOptional implements Predicate<Optional<?>> {
        @Override
        public boolean test(Optional<?> value) {
            return value.isEmpty();
        }
    }

    /** Only exceptions that say they are transient. */
    public static class SaysTransient implements Predicate<RuntimeException> {
        @Override
        public boolean test(RuntimeException failure) {
            return failure.getMessage().startsWith("transient");
        }
    }

    public static class Broken implements Predicate<Object> {
        @Override
        public boolean test(Object value) {
            throw new IllegalStateException("broken predicate");
        }
    }

    public static class AbortMe extends RuntimeException {
        AbortMe(String message) {
            super(message);
        }
    }

    @Dependent
    public static class Service {
        final AtomicInteger calls = new AtomicInteger();

        /** 503 until the third attempt. */
        @Retry(maxRetries = 5, delay = 0, jitter = 0)
        @RetryWhen(result = ServiceUnavailable.class)
        public Response fetch() {
            return new Response(calls.incrementAndGet() < 3 ? 503 : 200);
        }

        /** Always 503: the retry gives up after maxRetries and returns the last result. */
        @Retry(maxRetries = 2, delay = 0, jitter = 0)
        @RetryWhen(result = ServiceUnavailable.class)
        public Response alwaysUnavailable() {
            calls.incrementAndGet();
            return new Response(503);
        }

        @Retry(maxRetries = 5, delay = 0, jitter = 0)
        @RetryWhen(result = EmptyOptional.class)
        public Optional<String> lookup() {
            return calls.incrementAndGet() < 4 ? Optional.empty() : Optional.of("found");
        }

        @Retry(maxRetries = 5, delay = 0, jitter = 0, abortOn = AbortMe.class)
        @RetryWhen(exception = SaysTransient.class)
        public String flaky(String failure) {
            calls.incrementAndGet();
            throw failure.startsWith("abort") ? new AbortMe(failure) : new IllegalStateException(failure);
        }

        @Asynchronous
        @Retry(maxRetries = 5, delay = 0, jitter = 0)
        @RetryWhen(result = ServiceUnavailable.class)
        public CompletionStage<Response> fetchAsync() {
            return CompletableFuture.completedFuture(new Response(calls.incrementAndGet() < 3 ? 503 : 200));
        }

        @Asynchronous
        @Retry(maxRetries = 5, delay = 0, jitter = 0)
        @RetryWhen(result = ServiceUnavailable.class)
        public Future<Response> fetchFuture() {
            return CompletableFuture.completedFuture(new Response(calls.incrementAndGet() < 3 ? 503 : 200));
        }

        @Asynchronous
        @Retry(maxRetries = 5, delay = 0, jitter = 0)
        @RetryWhen(exception = SaysTransient.class)
        public CompletionStage<String> flakyAsync(String failure) {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException(failure));
        }

        @Retry(maxRetries = 3, delay = 0, jitter = 0)
        @RetryWhen(result = Broken.class, exception = Broken.class)
        public String broken(boolean fail) {
            calls.incrementAndGet();
            if (fail) {
                throw new IllegalStateException("fails");
            }
            return "value";
        }
    }

    /** Class-level: every method's results. */
    @Dependent
    @Retry(maxRetries = 2, delay = 0, jitter = 0)
    @RetryWhen(result = EmptyOptional.class)
    public static class ClassLevel {
        final AtomicInteger calls = new AtomicInteger();

        public Optional<String> lookup() {
            calls.incrementAndGet();
            return Optional.empty();
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(Service.class, ClassLevel.class, ServiceUnavailable.class)).build();

    @Inject
    Service service;

    @Inject
    ClassLevel classLevel;

    @Inject
    ServiceUnavailable serviceUnavailable;

    @Test
    void aMatchingResultIsRetriedUntilOneDoesNotMatch() {
        assertEquals(new Response(200), service.fetch());
        assertEquals(3, service.calls.get());
        assertEquals(3, serviceUnavailable.asked(), "the bean is the container's instance");
    }

    @Test
    void whenTheRetryGivesUpTheCallerGetsTheLastResult() {
        assertEquals(new Response(503), service.alwaysUnavailable());
        assertEquals(3, service.calls.get(), "one call and maxRetries = 2 retries");
    }

    @Test
    void anEmptyOptionalIsRetriedByAPlainClassTheContainerCreates() {
        assertEquals(Optional.of("found"), service.lookup());
        assertEquals(4, service.calls.get());
    }

    @Test
    void theExceptionPredicateNarrowsRetryOn() {
        assertThrows(IllegalStateException.class, () -> service.flaky("transient glitch"));
        assertEquals(6, service.calls.get(), "retried: the predicate matched");
        service.calls.set(0);
        assertThrows(IllegalStateException.class, () -> service.flaky("permanent"));
        assertEquals(1, service.calls.get(), "not retried: the predicate did not match");
    }

    @Test
    void abortOnWinsOverTheExceptionPredicate() {
        assertThrows(AbortMe.class, () -> service.flaky("abort, although transient"));
        assertEquals(1, service.calls.get());
    }

    @Test
    void aCompletionStageResultIsRetriedToo() throws Exception {
        assertEquals(new Response(200), service.fetchAsync().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(3, service.calls.get());
    }

    @Test
    void theValueOfAFutureIsJudged() throws Exception {
        assertEquals(new Response(200), service.fetchFuture().get(10, TimeUnit.SECONDS));
        assertEquals(3, service.calls.get());
    }

    @Test
    void aCompletionStageFailureIsJudgedByTheExceptionPredicate() throws Exception {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> service.flakyAsync("transient").toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof IllegalStateException);
        assertEquals(6, service.calls.get());
        service.calls.set(0);
        assertThrows(ExecutionException.class,
                () -> service.flakyAsync("permanent").toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(1, service.calls.get());
    }

    @Test
    void aPredicateThatThrowsCountsAsFalse() {
        assertEquals("value", service.broken(false));
        assertEquals(1, service.calls.get());
        service.calls.set(0);
        assertThrows(IllegalStateException.class, () -> service.broken(true));
        assertEquals(1, service.calls.get());
    }

    @Test
    void aClassLevelAnnotationAppliesToItsMethods() {
        assertEquals(Optional.empty(), classLevel.lookup());
        assertEquals(3, classLevel.calls.get());
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.RetryWhenTest$Service/alwaysUnavailable/RetryWhen/result=org.resilientcircuit.api.Never")
    void configurationReplacesTheResultPredicate() {
        assertEquals(new Response(503), service.alwaysUnavailable());
        assertEquals(1, service.calls.get());
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.RetryWhenTest$Service/flaky/RetryWhen/exception=org.resilientcircuit.api.Always")
    void configurationReplacesTheExceptionPredicate() {
        assertThrows(IllegalStateException.class, () -> service.flaky("permanent"));
        assertEquals(6, service.calls.get(), "every exception retryOn allows is retried again");
    }

    @Test
    @WithConfig("RetryWhen/enabled=false")
    void theEnabledKeySwitchesItOff() {
        assertEquals(new Response(503), service.alwaysUnavailable());
        assertEquals(1, service.calls.get());
        assertThrows(IllegalStateException.class, () -> service.flaky("permanent"));
        assertEquals(7, service.calls.get(), "1 + 6: the spec's retryOn alone decides");
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.RetryWhenTest$ClassLevel/RetryWhen/result=org.resilientcircuit.api.Never")
    void theClassKeyOverridesAClassLevelAnnotation() {
        assertEquals(Optional.empty(), classLevel.lookup());
        assertEquals(1, classLevel.calls.get());
    }
}
