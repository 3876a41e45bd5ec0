package org.resilientcircuit.engine;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code @Fallback} on an asynchronous method. The fallback returns what the method returns: a
 * {@code CompletionStage} is followed to its completion, a {@code Future} is carried as the value.
 */
public final class AsyncFallbackStep implements AsyncStep {

    private final FallbackFunction fallback;
    private final ExceptionFilter applyOn;
    private final boolean returnsCompletionStage;
    private final AsyncStep next;

    public AsyncFallbackStep(FallbackFunction fallback, ExceptionFilter applyOn, boolean returnsCompletionStage,
            AsyncStep next) {
        this.fallback = fallback;
        this.applyOn = applyOn;
        this.returnsCompletionStage = returnsCompletionStage;
        this.next = next;
    }

    @Override
    public CompletionStage<Object> invoke(Call call) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        next.invoke(call).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            Throwable failure = Failures.unwrap(error);
            if (!applyOn.test(failure) || failure instanceof CancellationException && call.isCancelled()) {
                result.completeExceptionally(failure);
                return;
            }
            applyFallback(call, failure, result);
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private void applyFallback(Call call, Throwable failure, CompletableFuture<Object> result) {
        try {
            call.applyingFallback();
            Object value = fallback.apply(call, failure);
            if (returnsCompletionStage) {
                ((CompletionStage<Object>) value).whenComplete((v, e) -> {
                    if (e == null) {
                        result.complete(v);
                    } else {
                        result.completeExceptionally(Failures.unwrap(e));
                    }
                });
            } else {
                result.complete(value);
            }
        } catch (Throwable fallbackFailed) {
            result.completeExceptionally(fallbackFailed);
        }
    }
}
