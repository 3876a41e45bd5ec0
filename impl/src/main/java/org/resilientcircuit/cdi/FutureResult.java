package org.resilientcircuit.cdi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.resilientcircuit.engine.Call;

/**
 * What a caller of a {@code Future}-returning asynchronous method gets: a view of the chain's stage,
 * whose value is the {@code Future} the method (or its fallback) returned, so {@code get()} unwraps
 * both. Cancelling it cancels the guarded call, interrupting the method if asked.
 */
final class FutureResult implements Future<Object> {

    private final CompletableFuture<Object> outcome;
    private final Call call;

    FutureResult(CompletableFuture<Object> outcome, Call call) {
        this.outcome = outcome;
        this.call = call;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = outcome.cancel(mayInterruptIfRunning);
        if (cancelled) {
            call.cancel(mayInterruptIfRunning);
        }
        return cancelled;
    }

    @Override
    public boolean isCancelled() {
        return outcome.isCancelled();
    }

    @Override
    public boolean isDone() {
        return outcome.isDone();
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
        Object returned = outcome.get();
        return returned == null ? null : ((Future<?>) returned).get();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        Object returned = outcome.get(timeout, unit);
        return returned == null ? null : ((Future<?>) returned).get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
}
