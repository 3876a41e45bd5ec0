package org.resilientcircuit.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The innermost asynchronous step: runs the method on the current (library) thread. A method that
 * returns a {@code CompletionStage} is done when the stage is; a method that returns a
 * {@code Future} is done when it returns, and its future is carried as the value.
 */
public final class AsyncInvokeStep implements AsyncStep {

    private final boolean returnsCompletionStage;
    private final ContextActivator contexts;

    public AsyncInvokeStep(boolean returnsCompletionStage, ContextActivator contexts) {
        this.returnsCompletionStage = returnsCompletionStage;
        this.contexts = contexts;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<Object> invoke(Call call) {
        return contexts.run(() -> {
            try {
                Object returned = call.proceed();
                if (!returnsCompletionStage) {
                    return CompletableFuture.completedFuture(returned);
                }
                if (returned == null) {
                    return CompletableFuture.failedFuture(new NullPointerException("asynchronous method returned null"));
                }
                return (CompletionStage<Object>) returned;
            } catch (Throwable failure) {
                return CompletableFuture.failedFuture(failure);
            }
        });
    }
}
