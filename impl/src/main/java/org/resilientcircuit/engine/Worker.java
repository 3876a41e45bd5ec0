package org.resilientcircuit.engine;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/** Runs the rest of an asynchronous chain on the current thread, recorded as the call's runner. */
final class Worker {

    private Worker() {
    }

    static void run(Call call, AsyncStep next, CompletableFuture<Object> result) {
        if (call.isCancelled()) {
            result.completeExceptionally(new CancellationException("guarded call cancelled"));
            return;
        }
        call.enter(Thread.currentThread());
        try {
            next.invoke(call).whenComplete((value, failure) -> {
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(Failures.unwrap(failure));
                }
            });
        } catch (Throwable unexpected) {
            result.completeExceptionally(unexpected);
        } finally {
            call.exit();
        }
    }
}
