package org.resilientcircuit.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/** Small compositions of stages that the asynchronous steps share. */
final class Stages {

    private Stages() {
    }

    /** Completes {@code target} as {@code source} completes, with the real failure unwrapped. */
    static void relay(CompletionStage<Object> source, CompletableFuture<Object> target) {
        source.whenComplete((value, failure) -> complete(target, value, failure));
    }

    static void complete(CompletableFuture<Object> target, Object value, Throwable failure) {
        if (failure == null) {
            target.complete(value);
        } else {
            target.completeExceptionally(Failures.unwrap(failure));
        }
    }

    /**
     * A stage that completes like {@code source}, but only after {@code action} ran. Unlike
     * {@code whenComplete}, cancelling the returned stage does not skip the action: bookkeeping such
     * as a bulkhead permit or a breaker's trial outcome must happen whatever the caller does.
     */
    static CompletableFuture<Object> after(CompletionStage<Object> source, BiConsumer<Object, Throwable> action) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        source.whenComplete((value, failure) -> {
            try {
                action.accept(value, failure);
            } finally {
                complete(result, value, failure);
            }
        });
        return result;
    }
}
