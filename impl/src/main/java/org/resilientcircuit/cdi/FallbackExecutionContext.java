package org.resilientcircuit.cdi;

import java.lang.reflect.Method;

import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;

/** What a {@code FallbackHandler} is told about the failed call. */
record FallbackExecutionContext(InvocationContext context, Throwable failure) implements ExecutionContext {

    @Override
    public Method getMethod() {
        return context.getMethod();
    }

    @Override
    public Object[] getParameters() {
        return context.getParameters();
    }

    @Override
    public Throwable getFailure() {
        return failure;
    }
}
