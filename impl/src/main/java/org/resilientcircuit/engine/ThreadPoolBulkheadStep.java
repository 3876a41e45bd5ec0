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
    private final MethodMetrics metrics;
    private final Ticker ticker;
    private final boolean metered;
    private final AsyncStep next;
    private final Queue<Execution> waiting = new ArrayDeque<>();
    private int running;

    public ThreadPoolBulkheadStep(String name, int value, int waitingTaskQueue, Executor executor, AsyncStep next) {
        this(name, value, waitingTaskQueue, executor, MethodMetrics.NONE, Ticker.SYSTEM, next);
    }

    public ThreadPoolBulkheadStep(String name, int value, int waitingTaskQueue, Executor executor, MethodMetrics metrics,
            Ticker ticker, AsyncStep next) {
        this.name = name;
        this.maxRunning = value;
        this.maxWaiting = waitingTaskQueue;
        this.executor = executor;
        this.metrics = metrics;
        this.ticker = ticker;
        this.metered = metrics != MethodMetrics.NONE;
        this.next = next;
    }

    @Override
    public CompletionStage<Object> invoke(Call call) {
        Execution execution = new Execution(call);
        boolean queued = false;
        synchronized (this) {
            if (running < maxRunning) {
                running++;
            } else if (waiting.size() < maxWaiting) {
                queued = true;
                if (metered) {
                    execution.queuedAt = ticker.nanoTime();
                    metrics.bulkheadQueued(); // under the lock: counted before it can leave the queue
                }
                waiting.add(execution);
                execution.attempt.whileQueued(execution::leaveQueue);
            } else {
                execution = null;
            }
        }
        if (execution == null) {
            metrics.bulkheadCall(false);
            return CompletableFuture.failedFuture(new BulkheadException("bulkhead " + name + " is full"));
        }
        metrics.bulkheadCall(true);
        if (queued) {
            return execution.result;
        }
        metrics.bulkheadWaited(false, 0);
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
        nextInLine.stopWaiting();
        executor.execute(nextInLine);
    }

    private final class Execution implements Runnable {
        private final Call call;
        private final Attempt attempt;
        private final CompletableFuture<Object> result = new CompletableFuture<>();
        /** When it entered the queue, if metered. */
        private long queuedAt;

        Execution(Call call) {
            this.call = call;
            this.attempt = call.currentAttempt();
        }

        /** Runs holding a place; the place is released when the method's stage completes. */
        @Override
        public void run() {
            CompletableFuture<Object> ran = new CompletableFuture<>();
            long start = 0;
            if (metered) {
                metrics.bulkheadStarted();
                start = ticker.nanoTime();
            }
            long startedAt = start;
            ran.whenComplete((value, failure) -> {
                if (metered) {
                    metrics.bulkheadFinished(ticker.nanoTime() - startedAt);
                }
                release();
                Stages.complete(result, value, failure);
            });
            Worker.run(call, attempt, next, ran);
        }

        /** Leaves the queue (to run, or abandoned): the time it waited goes to the metrics. */
        void stopWaiting() {
            if (metered) {
                metrics.bulkheadWaited(true, ticker.nanoTime() - queuedAt);
            }
        }

        void leaveQueue() {
            boolean removed;
            synchronized (ThreadPoolBulkheadStep.this) {
                removed = waiting.remove(this);
            }
            if (removed) {
                stopWaiting();
                result.completeExceptionally(new CancellationException("abandoned while waiting in bulkhead " + name));
            }
        }
    }
}
