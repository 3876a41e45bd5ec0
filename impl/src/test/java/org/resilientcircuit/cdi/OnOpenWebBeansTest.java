package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our interceptor runs on OpenWebBeans, which ignores bindings that an extension adds to the MP FT
 * annotations (see {@link DirectBindings}): with the interceptor silent, each call below runs once. And it
 * runs in its place beside an application interceptor, which OpenWebBeans orders only by the list that
 * {@link InterceptorOrder} fills.
 *
 * <p>Runs only in surefire's {@code openwebbeans} execution, whose class path has OpenWebBeans SE
 * instead of Weld; the test uses the standard {@link SeContainerInitializer}, so it names no container.
 */
class OnOpenWebBeansTest {

    @ApplicationScoped
    public static class MethodLevel {
        final AtomicInteger calls = new AtomicInteger();

        @Retry(maxRetries = 3, jitter = 0)
        public void call() {
            calls.incrementAndGet();
            throw new IllegalStateException("always");
        }

        /** A method, not the field: the container's proxy has fields of its own. */
        public int calls() {
            return calls.get();
        }
    }

    @ApplicationScoped
    @Retry(maxRetries = 2, jitter = 0)
    public static class ClassLevel {
        final AtomicInteger calls = new AtomicInteger();

        public void call() {
            calls.incrementAndGet();
            throw new IllegalStateException("always");
        }

        /** A method, not the field: the container's proxy has fields of its own. */
        public int calls() {
            return calls.get();
        }
    }

    private SeContainer container;

    @BeforeEach
    void boot() {
        container = SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addBeanClasses(MethodLevel.class, ClassLevel.class, ApplicationInterceptor.Flaky.class,
                        ApplicationInterceptor.Counting.class)
                .initialize();
    }

    @AfterEach
    void shutdown() {
        container.close();
        ApplicationInterceptor.COUNTED.set(0);
    }

    @Test
    void containerIsOpenWebBeans() {
        assertTrue(container.getClass().getName().startsWith("org.apache.openwebbeans."),
                "this test must run on OpenWebBeans, not " + container.getClass().getName());
    }

    @Test
    void retriesAMethodLevelRetry() {
        MethodLevel bean = container.select(MethodLevel.class).get();
        assertThrows(IllegalStateException.class, bean::call);
        assertEquals(4, bean.calls(), "one call and three retries");
    }

    @Test
    void retriesAClassLevelRetry() {
        ClassLevel bean = container.select(ClassLevel.class).get();
        assertThrows(IllegalStateException.class, bean::call);
        assertEquals(3, bean.calls(), "one call and two retries");
    }

    @Test
    void runsInsideAnApplicationInterceptorByDefault() {
        ApplicationInterceptor.Flaky bean = container.select(ApplicationInterceptor.Flaky.class).get();
        assertThrows(IllegalStateException.class, bean::call);
        assertEquals(3, bean.calls(), "one call and two retries");
        assertEquals(1, ApplicationInterceptor.COUNTED.get(), "our interceptor (4010) runs inside the application's (2000): it sees one call");
    }
}
