package org.resilientcircuit.store.postgres;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.BreakerState;
import org.resilientcircuit.spi.SharedWindow;
import org.resilientcircuit.spi.StateListener;
import org.resilientcircuit.spi.StateStore;
import org.resilientcircuit.spi.StoreObserver;
import org.resilientcircuit.spi.StoreStatus;

/**
 * Breaker state shared through the table {@code rc_circuit_breakers}.
 *
 * <p>The protocol, in one place:
 * <ul>
 *   <li>A guarded call never touches the database. An instance writes only transitions, each one
 *       compare-and-set on the row's version (transition.sql), on the store's single writer thread
 *       over one connection; a caller waits at most the store timeout, and only to start a probe.</li>
 *   <li>The row trigger announces every change with NOTIFY; {@link ChangeFeed} delivers it to the
 *       breaker, and each poll interval reads the rows changed since its previous poll (every 60th
 *       poll: every key in use) in case a notification was lost.</li>
 *   <li>Every writer is heard: a trigger gives the next version to a change of state or deadline
 *       made without one (the Python library, an operator's UPDATE), signed with its session.</li>
 *   <li>Rows are judged, not trusted ({@link Rows}): one that cannot be understood is skipped and
 *       reported, and the next transition of its key replaces it. A row lower than a version a
 *       thread saw, or from a table created since ({@link History}), is adopted as it is, and the
 *       instance's own decision is written on top at the version it proposed ({@link Transitions}).</li>
 *   <li>Deadlines are set and reported by the database clock, as time remaining.</li>
 *   <li>The half-open state carries a lease; the prober's instance owns it, others reject calls until
 *       the row closes, re-opens, or the lease ends and one of them takes over.</li>
 *   <li>While the database cannot be reached, transitions are kept as pending and the caller's local
 *       decision stands. When it answers again, each pending transition is written if the row did
 *       not move meanwhile (from the version this instance last saw), else the row is adopted.</li>
 *   <li>Shared window ({@code rc.window=shared}): instances add their outcomes to
 *       {@code rc_breaker_windows} every flush interval; the writer whose batch fills a window that
 *       trips opens the row by the same compare-and-set.</li>
 *   <li>Quorum ({@code rc.quorum=N}): an instance that trips opens its own view at once but only
 *       votes; the row opens when N distinct instances voted within the quorum window.</li>
 * </ul>
 * No store statement runs on a caller's thread, so none joins the caller's transaction.
 */
public final class PostgresStateStore implements StateStore {

    private static final int WRITE_QUEUE = 10_000;

    private final ThreadFactory threads;
    private final PostgresSettings settings;
    private final StoreHealth health;
    private final StoreEvents events = new StoreEvents();
    private final String description;
    private final StoreConnection writes;
    private final ThreadPoolExecutor writer;
    private final ChangeFeed feed;
    private final Thread feedThread;
    private final Subscribers listeners = new Subscribers();
    private final Map<String, FleetWindow> windows = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    /** The writer thread's protocol; touched by the writer thread only. */
    private final Transitions transitions;
    /** Whether the writer holds pending transitions, for the flusher's check. */
    private volatile boolean pendingHint;

    public PostgresStateStore(DataSource dataSource, PostgresSettings settings, String databaseDescription) {
        this(dataSource, settings, databaseDescription, Thread::new);
    }

    /**
     * @param threads makes the store's threads (writer, change feed, flusher): in an application server
     *        the container's managed thread factory, so that they run with the application's context
     */
    public PostgresStateStore(DataSource dataSource, PostgresSettings settings, String databaseDescription,
            ThreadFactory threads) {
        this.threads = threads;
        this.settings = settings;
        this.health = new StoreHealth(databaseDescription, settings.namespace(), events);
        this.description = "PostgreSQL state store at " + databaseDescription + ", namespace '" + settings.namespace()
                + "', " + (settings.listen() ? "LISTEN/NOTIFY and " : "") + "polling every "
                + settings.pollIntervalMillis() + " ms, instance " + settings.instanceId();
        this.writes = new StoreConnection(dataSource, settings, health, events);
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WRITE_QUEUE),
                task -> daemon(task, "resilient-circuit-store-writer"));
        this.transitions = new Transitions(writes, settings.quorum(), health, events, listeners);
        this.feed = new ChangeFeed(dataSource, settings, health, events, listeners, () -> reconcileNow(true));
        this.feedThread = daemon(feed, "resilient-circuit-store-feed");
        if (settings.createSchema()) {
            // the feed polls the table: let the writer create it first
            writer.execute(() -> {
                writes.ready();
                feedThread.start();
            });
        } else {
            feedThread.start();
        }
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "resilient-circuit-store-flush"));
        flusher.scheduleWithFixedDelay(this::requestReconcile, settings.pollIntervalMillis(), settings.pollIntervalMillis(),
                TimeUnit.MILLISECONDS);
        if (settings.sharedWindow()) {
            flusher.scheduleWithFixedDelay(this::requestFlush, settings.windowFlushMillis(), settings.windowFlushMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    public StoreHealth health() {
        return health;
    }

    @Override
    public StoreStatus status() {
        return new StoreStatus(description, health.degraded(), health.lastProblem(), health.unreadableRows(),
                health.notices());
    }

    @Override
    public void observe(StoreObserver observer) {
        events.observe(observer);
    }

    @Override
    public String instanceId() {
        return settings.instanceId();
    }

    @Override
    public BreakerState attach(String key, StateListener listener) {
        listeners.add(key, listener);
        Future<BreakerState> row;
        try {
            row = writer.submit(() -> read(key));
        } catch (RejectedExecutionException overloaded) {
            return BreakerState.initial();
        }
        try {
            BreakerState state = row.get(settings.storeTimeoutMillis(), TimeUnit.MILLISECONDS);
            return state == null ? BreakerState.initial() : state;
        } catch (TimeoutException | ExecutionException unavailable) {
            return BreakerState.initial(); // the feed delivers the row once the database answers
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return BreakerState.initial();
        }
    }

    @Override
    public CompletionStage<BreakerState> transition(String key, BreakerState expected, BreakerState proposed) {
        CompletableFuture<BreakerState> answer = new CompletableFuture<>();
        try {
            writer.execute(() -> answer.complete(write(key, expected, proposed)));
        } catch (RejectedExecutionException overloaded) {
            answer.complete(null);
        }
        return answer.completeOnTimeout(null, settings.storeTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public SharedWindow sharedWindow(String key, SharedWindow.Spec spec) {
        return settings.sharedWindow() ? windows.computeIfAbsent(key, k -> new FleetWindow(spec, health)) : null;
    }

    private void requestFlush() {
        try {
            writer.execute(this::flushWindows);
        } catch (RejectedExecutionException busyOrClosed) {
            // the next interval tries again; outcomes keep accumulating meanwhile
        }
    }

    /** Writer thread: adds every instance-side batch to its fleet window and opens what trips. */
    private void flushWindows() {
        if (!writes.ready()) {
            return;
        }
        try {
            for (Map.Entry<String, FleetWindow> entry : windows.entrySet()) {
                FleetWindow window = entry.getValue();
                FleetWindow.Batch batch = window.take();
                if (batch != null) {
                    judge(entry.getKey(), window, batch);
                }
            }
        } catch (SQLException problem) {
            writes.failed(problem);
        }
    }

    private void judge(String key, FleetWindow window, FleetWindow.Batch batch) throws SQLException {
        int[] total = writes.addToWindow(key, batch);
        if (total == null || total[0] < window.spec().requestVolumeThreshold()) {
            return;
        }
        if (!window.trips(total[0], total[1])) {
            writes.restartWindow(key, batch.version(), total[0]);
            return;
        }
        BreakerState open = new BreakerState(BreakerPhase.OPEN, batch.version() + 1, window.spec().delayMillis(), total[1],
                settings.instanceId());
        listeners.changed(key, transitions.openFromWindow(key, batch.version(), open));
    }

    /** Writer thread. */
    private BreakerState read(String key) {
        if (!writes.ready()) {
            return null;
        }
        try {
            return transitions.attach(key);
        } catch (SQLException problem) {
            writes.failed(problem);
            return null;
        }
    }

    /** Writer thread: the compare-and-set, or a pending transition (answer null) while the database is away. */
    private BreakerState write(String key, BreakerState expected, BreakerState proposed) {
        if (!writes.ready()) {
            transitions.remember(key, expected, proposed);
            pendingHint = true;
            return null;
        }
        try {
            return transitions.write(key, expected, proposed);
        } catch (SQLException problem) {
            writes.failed(problem);
            transitions.remember(key, expected, proposed);
            pendingHint = true;
            return null;
        }
    }

    /**
     * Flusher thread: while degraded or holding pending transitions, the writer checks its
     * connection every poll interval and reconciles, so an instance recovers even when no new
     * transition comes to trigger it. Only the writer declares the store healthy again: the
     * instance is degraded until what it decided alone is reconciled.
     */
    private void requestReconcile() {
        reconcileNow(false);
    }

    /** @param databaseAnswered the feed has just reconnected: the writer tries at once, not after its pause */
    private void reconcileNow(boolean databaseAnswered) {
        if (!health.degraded() && !pendingHint) {
            return;
        }
        try {
            writer.execute(() -> {
                try {
                    if (databaseAnswered) {
                        writes.retryNow();
                    }
                    if (writes.ready() && writes.valid()) {
                        transitions.reconcile();
                        pendingHint = transitions.hasPending();
                        health.recovered();
                    }
                } catch (SQLException problem) {
                    writes.failed(problem);
                }
            });
        } catch (RejectedExecutionException busyOrClosed) {
            // the next interval tries again
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        feed.stop();
        writer.shutdown();
        try {
            writer.awaitTermination(settings.storeTimeoutMillis(), TimeUnit.MILLISECONDS);
            feedThread.join(settings.pollIntervalMillis() + settings.storeTimeoutMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writes.close();
    }

    private Thread daemon(Runnable task, String name) {
        Thread thread = threads.newThread(task);
        thread.setName(name);
        thread.setDaemon(true);
        return thread;
    }
}
