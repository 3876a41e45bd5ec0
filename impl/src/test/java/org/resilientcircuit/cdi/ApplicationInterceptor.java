package org.resilientcircuit.cdi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * An application's own interceptor (priority {@code APPLICATION}) on a method that also has
 * {@code @Retry}, for the tests of where ours runs among others, on Weld and on OpenWebBeans: it
 * counts the calls it sees in {@link #COUNTED}.
 */
final class ApplicationInterceptor {

    static final AtomicInteger COUNTED = new AtomicInteger();

    private ApplicationInterceptor() {
    }

    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Counted {
    }

    @Interceptor
    @Counted
    @Priority(Interceptor.Priority.APPLICATION)
    public static class Counting {
        @AroundInvoke
        Object count(InvocationContext context) throws Exception {
            COUNTED.incrementAndGet();
            return context.proceed();
        }
    }

    /** Always fails; {@code @Retry(maxRetries = 2)}, so 3 calls. */
    @Dependent
    public static class Flaky {
        private final AtomicInteger calls = new AtomicInteger();

        @Counted
        @Retry(maxRetries = 2, jitter = 0)
        public void call() {
            calls.incrementAndGet();
            throw new IllegalStateException("always");
        }

        public int calls() {
            return calls.get();
        }
    }
}
