package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.resilientcircuit.api.PrepareRetry;
import org.resilientcircuit.api.RetryPreparer;
import org.resilientcircuit.api.RetryWhen;
import org.resilientcircuit.api.UpcomingRetry;

/**
 * {@code @PrepareRetry} through the interceptor: the preparer runs before each retry, never before the first attempt
 * nor when the retry ends, with the retry's number, its cause (an exception, or a result {@code @RetryWhen} matched),
 * the method and the delay waited; a bean preparer, one the container creates with {@code @Inject}, a method of the
 * bean; sync and async; configuration replaces or switches it off. Its failures: {@link PrepareRetryFailureTest}.
 */
@ExtendWith(WithConfig.Properties.class)
@EnableWeld
class PrepareRetryTest {

    /** What the preparers saw, one line per retry: number, cause, method, delay in ms, whether on the caller's thread. */
    @ApplicationScoped
    public static class Journal {
        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile Thread caller;

        /** Through methods: a test holds the client proxy of this bean, whose fields are not the bean's. */
        List<String> lines() {
            return lines;
        }

        void callerIs(Thread thread) {
            caller = thread;
        }

        void note(String who, UpcomingRetry retry) {
            String cause = retry.failure() != null ? retry.failure().getMessage() : "result " + retry.result();
            lines.add(who + " " + retry.number() + " " + cause + " " + retry.method().getName() + " "
                    + retry.delay().toMillis() + (Thread.currentThread() == caller ? " caller" : " other"));
        }
    }

    /** A bean: the container's instance is used, and it injects. */
    @ApplicationScoped
    public static class BeanPreparer implements RetryPreparer {
        @Inject
        Journal journal;

        @Override
        public void prepare(UpcomingRetry retry) {
            journal.note("bean", retry);
        }
    }

    /** Not a bean of this deployment: the container creates it, and still injects. */
    public static class PlainPreparer implements RetryPreparer {
        @Inject
        Journal journal;

        @Override
        public void prepare(UpcomingRetry retry) {
            journal.note("plain", retry);
        }
    }

    /** Request-scoped: only usable where the CDI request context is active. */
    @RequestScoped
    public static class Session {
        String user() {
            return "alice";
        }
    }

    public static class UsesSession implements RetryPreparer {
        @Inject
        Session session;

        @Inject
        Journal journal;

        @Override
        public void prepare(UpcomingRetry retry) {
            boolean worker = Thread.currentThread().getName().startsWith("resilient-circuit-worker-");
            journal.lines().add(session.user() + " " + retry.number() + (worker ? " on a worker" : " elsewhere"));
        }
    }

    public record Response(int status) {
        @Override
        public String toString() {
            return String.valueOf(status);
        }
    }

    public static class Unavailable implements Predicate<Response> {
        @Override
        public boolean test(Response response) {
            return response.status() == 503;
        }
    }

    @Dependent
    public static class Service {
        final AtomicInteger calls = new AtomicInteger();
        volatile int replica;

        @Inject
        Journal journal;

        /** Fails twice, then answers. */
        @Retry(maxRetries = 5, delay = 20, jitter = 0)
        @PrepareRetry(BeanPreparer.class)
        public String flaky() {
            int call = calls.incrementAndGet();
            if (call < 3) {
                throw new IllegalStateException("failure " + call);
            }
            return "ok";
        }

        /** Always fails: the preparer runs before each of the two retries and not after the last attempt. */
        @Retry(maxRetries = 2, delay = 0, jitter = 0)
        @PrepareRetry(PlainPreparer.class)
        public String broken() {
            throw new IllegalStateException("failure " + calls.incrementAndGet());
        }

        /** 503 twice, then 200: the preparer sees the result that caused the retry. */
        @Retry(maxRetries = 5, delay = 0, jitter = 0)
        @RetryWhen(result = Unavailable.class)
        @PrepareRetry(BeanPreparer.class)
        public Response status() {
            return new Response(calls.incrementAndGet() < 3 ? 503 : 200);
        }

        @Asynchronous
        @Retry(maxRetries = 5, delay = 0, jitter = 0)
        @PrepareRetry(BeanPreparer.class)
        public CompletionStage<String> flakyAsync() {
            int call = calls.incrementAndGet();
            return call < 3 ? CompletableFuture.failedFuture(new IllegalStateException("failure " + call))
                    : CompletableFuture.completedFuture("ok");
        }

        @Asynchronous
        @Retry(maxRetries = 5, delay = 0, jitter = 0)
        @RetryWhen(result = Unavailable.class)
        @PrepareRetry(BeanPreparer.class)
        public CompletionStage<Response> statusAsync() {
            return CompletableFuture.completedFuture(new Response(calls.incrementAndGet() < 3 ? 503 : 200));
        }

        @Asynchronous
        @Retry(maxRetries = 1, delay = 0, jitter = 0)
        @PrepareRetry(UsesSession.class)
        public CompletionStage<String> asyncInSession() {
            return CompletableFuture.failedFuture(new IllegalStateException("failure " + calls.incrementAndGet()));
        }

        /** Only the third replica answers; the method moves to the next one before each retry. */
        @Retry(maxRetries = 5, delay = 0, jitter = 0)
        @PrepareRetry(method = "nextReplica")
        public String read() {
            calls.incrementAndGet();
            if (replica != 2) {
                throw new IllegalStateException("replica " + replica + " is down");
            }
            return "from replica 2";
        }

        private void nextReplica(UpcomingRetry retry) {
            journal.note("method", retry);
            replica++;
        }

        @Retry(maxRetries = 5, delay = 0, jitter = 0)
        @PrepareRetry(method = "count")
        public String readWithoutContext() {
            calls.incrementAndGet();
            if (replica < 1) {
                throw new IllegalStateException("not yet");
            }
            return "ok";
        }

        void count() {
            replica++;
        }
    }

    /** Class-level: every method's retries. */
    @Dependent
    @Retry(maxRetries = 1, delay = 0, jitter = 0)
    @PrepareRetry(BeanPreparer.class)
    public static class ClassLevel {
        public String call() {
            throw new IllegalStateException("class level");
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(Service.class, ClassLevel.class, Journal.class, BeanPreparer.class, Session.class)).build();

    @Inject
    Service service;

    @Inject
    ClassLevel classLevel;

    @Inject
    Journal journal;

    @Test
    void runsBeforeEachRetryWithItsNumberCauseAndDelayOnTheCallersThread() {
        journal.callerIs(Thread.currentThread());
        assertEquals("ok", service.flaky());
        assertEquals(List.of("bean 1 failure 1 flaky 20 caller", "bean 2 failure 2 flaky 20 caller"), journal.lines());
    }

    @Test
    void doesNotRunWhenTheRetryEndsNorBeforeTheFirstAttempt() {
        assertThrows(IllegalStateException.class, service::broken);
        assertEquals(3, service.calls.get());
        assertEquals(List.of("plain 1 failure 1 broken 0 other", "plain 2 failure 2 broken 0 other"), journal.lines(),
                "a class the container created, with its injection");
        journal.lines().clear();
        service.calls.set(10);
        assertEquals("ok", service.flaky());
        assertEquals(List.of(), journal.lines(), "no retry, no preparation");
    }

    @Test
    void aRetriedResultIsTheCause() {
        assertEquals(new Response(200), service.status());
        assertEquals(List.of("bean 1 result 503 status 0 other", "bean 2 result 503 status 0 other"), journal.lines());
    }

    @Test
    void runsBeforeEachRetryOfAnAsynchronousMethod() throws Exception {
        assertEquals("ok", service.flakyAsync().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(List.of("bean 1 failure 1 flakyAsync 0 other", "bean 2 failure 2 flakyAsync 0 other"),
                journal.lines());
        journal.lines().clear();
        service.calls.set(0);
        assertEquals(new Response(200), service.statusAsync().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(List.of("bean 1 result 503 statusAsync 0 other", "bean 2 result 503 statusAsync 0 other"),
                journal.lines());
    }

    @Test
    void anAsynchronousRetryIsPreparedOnAWorkerWithARequestContext() {
        assertThrows(Exception.class, () -> service.asyncInSession().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(2, service.calls.get());
        assertEquals(List.of("alice 1 on a worker"), journal.lines());
    }

    @Test
    void aMethodOfTheBeanSwitchesReplicas() {
        assertEquals("from replica 2", service.read());
        assertEquals(3, service.calls.get());
        assertEquals(List.of("method 1 replica 0 is down read 0 other", "method 2 replica 1 is down read 0 other"),
                journal.lines());
    }

    @Test
    void aMethodWithoutParameters() {
        assertEquals("ok", service.readWithoutContext());
        assertEquals(2, service.calls.get());
        assertEquals(1, service.replica);
    }

    @Test
    void aClassLevelAnnotationAppliesToItsMethods() {
        assertThrows(IllegalStateException.class, classLevel::call);
        assertEquals(List.of("bean 1 class level call 0 other"), journal.lines());
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.PrepareRetryTest$Service/flaky/PrepareRetry/value="
            + "org.resilientcircuit.cdi.PrepareRetryTest$PlainPreparer")
    void configurationReplacesThePreparer() {
        assertEquals("ok", service.flaky());
        assertEquals(List.of("plain 1 failure 1 flaky 20 other", "plain 2 failure 2 flaky 20 other"), journal.lines());
    }

    @Test
    @WithConfig({"org.resilientcircuit.cdi.PrepareRetryTest$Service/readWithoutContext/PrepareRetry/method=nextReplica"})
    void configurationReplacesTheMethod() {
        assertEquals("ok", service.readWithoutContext());
        assertEquals(List.of("method 1 not yet readWithoutContext 0 other"), journal.lines());
    }

    @Test
    @WithConfig("org.resilientcircuit.cdi.PrepareRetryTest$ClassLevel/PrepareRetry/enabled=false")
    void theClassKeySwitchesItOff() {
        assertThrows(IllegalStateException.class, classLevel::call);
        assertEquals(List.of(), journal.lines());
    }

    @Test
    @WithConfig("PrepareRetry/enabled=false")
    void theGlobalKeySwitchesItOff() {
        assertEquals("ok", service.flaky());
        assertEquals(List.of(), journal.lines());
    }
}
