package org.resilientcircuit.benchmarks.jmh;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Binds {@link FloorInterceptor} to {@link GuardedBean}. Inert unless the container holds that
 * interceptor, which only the {@code floor} configuration adds: a binding without an enabled interceptor
 * intercepts nothing, so the other configurations measure the same bean as before.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface FloorBinding {
}
