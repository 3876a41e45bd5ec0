package org.resilientcircuit.engine;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * {@code @Bulkhead} on an asynchronous method: {@code value} executions at once, up to
 * {@code waitingTaskQueue} more waiting, the rest rejected. An execution holds its place until the
 * method's stage completes, not merely until the method returns.
 */
public final class ThreadPoolBulkheadStep implements AsyncStep {

    private final String name;
    private final int maxRunning;
    private final int maxWaiting;
    private final Executor executor;
    private final AsyncStep next;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    public ThreadPoolBulkheadStep(String name, int value, int waitingTaskQueue, Executor executor, AsyncStep next) {
        this.name = name;
        this.maxRunning = value;
        this.maxWaiting = waitingTaskQueue;
        this.executor = executor;
        this.next = next;
    }

    @Override
    public CompletionStage<Object> invoke(Call call) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Runnable task = () -> Worker.run(call, next, result);
        synchronized (this) {
            if (running < maxRunning) {
                running++;
            } else if (waiting.size() < maxWaiting) {
                waiting.add(task);
                return result.whenComplete((value, failure) -> release());
            } else {
                return CompletableFuture.failedFuture(new BulkheadException("bulkhead " + name + " is full"));
            }
        }
        executor.execute(task);
        return result.whenComplete((value, failure) -> release());
    }

    private void release() {
        Runnable nextTask;
        synchronized (this) {
            nextTask = waiting.poll();
            if (nextTask == null) {
                running--;
                return;
            }
        }
        executor.execute(nextTask);
    }
}
