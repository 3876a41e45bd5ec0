package org.resilientcircuit.engine;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * {@code @Bulkhead} on an asynchronous method: {@code value} executions at once, up to
 * {@code waitingTaskQueue} more waiting, the rest rejected. An execution holds its place until the
 * method's stage completes, not merely until the method returns; a waiting execution whose attempt is
 * abandoned (timed out, cancelled) leaves the queue at once.
 */
public final class ThreadPoolBulkheadStep implements AsyncStep {

    private final String name;
    private final int maxRunning;
    private final int maxWaiting;
    private final Executor executor;
    private final AsyncStep next;
    private final Queue<Execution> waiting = new ArrayDeque<>();
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
        Execution execution = new Execution(call);
        synchronized (this) {
            if (running < maxRunning) {
                running++;
            } else if (waiting.size() < maxWaiting) {
                waiting.add(execution);
                execution.attempt.whileQueued(execution::leaveQueue);
                return execution.result;
            } else {
                return CompletableFuture.failedFuture(new BulkheadException("bulkhead " + name + " is full"));
            }
        }
        executor.execute(execution);
        return execution.result;
    }

    /** Called when a running execution's stage completed: its place goes to the next waiting one. */
    private void release() {
        Execution nextInLine;
        synchronized (this) {
            nextInLine = waiting.poll();
            if (nextInLine == null) {
                running--;
                return;
            }
        }
        executor.execute(nextInLine);
    }

    private final class Execution implements Runnable {
        private final Call call;
        private final Attempt attempt;
        private final CompletableFuture<Object> result = new CompletableFuture<>();

        Execution(Call call) {
            this.call = call;
            this.attempt = call.currentAttempt();
        }

        /** Runs holding a place; the place is released when the method's stage completes. */
        @Override
        public void run() {
            CompletableFuture<Object> ran = new CompletableFuture<>();
            ran.whenComplete((value, failure) -> {
                release();
                Stages.complete(result, value, failure);
            });
            Worker.run(call, attempt, next, ran);
        }

        void leaveQueue() {
            boolean removed;
            synchronized (ThreadPoolBulkheadStep.this) {
                removed = waiting.remove(this);
            }
            if (removed) {
                result.completeExceptionally(new CancellationException("abandoned while waiting in bulkhead " + name));
            }
        }
    }
}
