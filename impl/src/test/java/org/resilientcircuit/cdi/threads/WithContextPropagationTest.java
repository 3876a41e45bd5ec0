package org.resilientcircuit.cdi.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.context.spi.ContextManagerProvider;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.cdi.FaultToleranceExtension;

/**
 * With MicroProfile Context Propagation in the application (SmallRye Context Propagation here), its
 * {@code ThreadContext} decides what travels with an asynchronous execution: the application's own
 * context (a tenant, which the library knows nothing of) reaches the first attempt and a retry the
 * timer starts, and an application's {@code ThreadContext} bean that clears it is obeyed.
 *
 * <p>Runs in its own Surefire execution ({@code context-propagation} in impl's pom), the only one
 * with an implementation on the class path; every other test shows the library without one.
 */
class WithContextPropagationTest {

    @ApplicationScoped
    public static class Tenants {
        @Asynchronous
        @Timeout(5000)
        public CompletionStage<String> tenant() {
            return CompletableFuture.completedFuture(TenantContextProvider.TENANT.get());
        }

        @Asynchronous
        @Retry(maxRetries = 2, delay = 20, jitter = 0)
        public CompletionStage<String> tenantAfterFailures(AtomicInteger attempts) {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("attempt " + attempts.get() + " fails on purpose");
            }
            return CompletableFuture.completedFuture(TenantContextProvider.TENANT.get());
        }

        @Asynchronous
        public CompletionStage<ClassLoader> loader() {
            return CompletableFuture.completedFuture(Thread.currentThread().getContextClassLoader());
        }
    }

    /** The application's ThreadContext: its tenant never travels. */
    @ApplicationScoped
    public static class TenantStaysHome {
        @Produces
        ThreadContext threadContext() {
            return ThreadContext.builder().propagated().cleared(TenantContextProvider.TYPE)
                    .unchanged(ThreadContext.ALL_REMAINING).build();
        }
    }

    /** Two ThreadContexts of the same qualifier: which decides? */
    @ApplicationScoped
    public static class TwoThreadContexts {
        @Produces
        ThreadContext one() {
            return ThreadContext.builder().build();
        }

        @Produces
        ThreadContext other() {
            return ThreadContext.builder().build();
        }
    }

    @BeforeAll
    static void anImplementationIsHere() {
        assertTrue(ContextManagerProvider.instance().getClass().getName().startsWith("io.smallrye"),
                "run in the context-propagation execution, with SmallRye Context Propagation on the class path");
    }

    @Test
    void theCallersTenantReachesTheFirstAttemptAndARetry() throws Exception {
        try (WeldContainer container = boot(Tenants.class)) {
            Tenants tenants = container.select(Tenants.class).get();
            assertEquals("acme", as("acme", tenants::tenant));
            assertEquals("globex", as("globex", () -> tenants.tenantAfterFailures(new AtomicInteger())));
        }
    }

    @Test
    void theApplicationsThreadContextDecides() throws Exception {
        try (WeldContainer container = boot(Tenants.class, TenantStaysHome.class)) {
            Tenants tenants = container.select(Tenants.class).get();
            assertNull(as("acme", tenants::tenant), "the application's ThreadContext clears the tenant");
        }
    }

    @Test
    void theCallersClassLoaderStillTravels() throws Exception {
        try (WeldContainer container = boot(Tenants.class)) {
            Tenants tenants = container.select(Tenants.class).get();
            ClassLoader callers = new ClassLoader(getClass().getClassLoader()) {
            };
            Thread caller = Thread.currentThread();
            ClassLoader before = caller.getContextClassLoader();
            CompletionStage<ClassLoader> seen;
            caller.setContextClassLoader(callers);
            try {
                seen = tenants.loader();
            } finally {
                caller.setContextClassLoader(before);
            }
            assertSame(callers, seen.toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void twoThreadContextBeansFailDeploymentNamingThem() {
        RuntimeException failed = assertThrows(RuntimeException.class, () -> boot(Tenants.class, TwoThreadContexts.class).close());
        String messages = messages(failed);
        assertTrue(messages.contains("The application has several ThreadContext beans")
                && messages.contains("TwoThreadContexts.one") && messages.contains("TwoThreadContexts.other"), messages);
    }

    private static String messages(Throwable failed) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static WeldContainer boot(Class<?>... beans) {
        return WeldInitiator.createWeld().addExtension(new FaultToleranceExtension()).addBeanClasses(beans).initialize();
    }

    /** Calls as {@code tenant} and waits for the answer; the caller's own tenant is gone before the work runs. */
    private static <T> T as(String tenant, Supplier<CompletionStage<T>> call) throws Exception {
        TenantContextProvider.TENANT.set(tenant);
        CompletionStage<T> answer;
        try {
            answer = call.get();
        } finally {
            TenantContextProvider.TENANT.remove();
        }
        return answer.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
