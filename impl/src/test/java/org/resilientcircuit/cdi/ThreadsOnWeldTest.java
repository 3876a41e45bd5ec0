package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In plain Weld SE (no application server, no JNDI) asynchronous executions run on the library's own
 * threads with the caller's context class loader; a setting naming a managed executor that is not
 * there fails deployment with a message naming the setting.
 */
@ExtendWith(WithConfig.Properties.class)
class ThreadsOnWeldTest {

    @ApplicationScoped
    public static class Where {
        @Asynchronous
        @Timeout(5000)
        public CompletionStage<Thread> thread() {
            return CompletableFuture.completedFuture(Thread.currentThread());
        }

        @Asynchronous
        public CompletionStage<ClassLoader> loader() {
            return CompletableFuture.completedFuture(Thread.currentThread().getContextClassLoader());
        }
    }

    @Test
    void ownThreadsWithTheCallersClassLoader() throws Exception {
        WeldContainer container = WeldInitiator.createWeld().addExtension(new FaultToleranceExtension())
                .addBeanClasses(Where.class).initialize();
        try {
            Where where = container.select(Where.class).get();
            Thread worker = where.thread().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(worker.getName().startsWith("resilient-circuit-worker-"), worker.getName());

            ClassLoader callers = new ClassLoader(getClass().getClassLoader()) {
            };
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            CompletionStage<ClassLoader> seen;
            Thread.currentThread().setContextClassLoader(callers);
            try {
                seen = where.loader();
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
            assertSame(callers, seen.toCompletableFuture().get(10, TimeUnit.SECONDS));
        } finally {
            container.shutdown();
        }
        assertTrue(aliveWorker().isEmpty(), "no resilient-circuit-worker thread survives the container");
    }

    @Test
    @WithConfig("rc.thread-factory=java:comp/env/concurrent/none")
    void aManagedThreadFactoryThatIsNotThereFailsDeploymentNamingTheSetting() {
        RuntimeException failed = assertThrows(RuntimeException.class, () -> DeploymentErrors.deploy(Where.class));
        assertTrue(messages(failed).contains("rc.thread-factory names java:comp/env/concurrent/none, but no"
                + " ManagedThreadFactory is bound there"), messages(failed));
    }

    private static java.util.Optional<Thread> aliveWorker() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            java.util.Optional<Thread> alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("resilient-circuit-worker-") && thread.isAlive())
                    .findAny();
            if (alive.isEmpty() || System.nanoTime() > deadline) {
                return alive;
            }
            Thread.sleep(20);
        }
    }

    private static String messages(Throwable top) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = top; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
