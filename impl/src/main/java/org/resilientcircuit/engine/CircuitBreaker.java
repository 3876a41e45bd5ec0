package org.resilientcircuit.engine;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import org.resilientcircuit.api.BreakerStatus;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.BreakerState;
import org.resilientcircuit.spi.SharedWindow;
import org.resilientcircuit.spi.StateListener;
import org.resilientcircuit.spi.StateStore;

/**
 * One breaker, identified by its key: the local view of the key's state, moved by compare-and-set.
 *
 * <p>The closed path reads one reference and records into the rolling window: memory only. A
 * transition swaps the local view first (so this instance reacts at once) and then proposes the
 * same transition to the store. A change announced from elsewhere is taken when it is newer than
 * the local view (announcements of this instance's own earlier transitions arrive late and are
 * not); a lost transition, or a reconciliation after an outage, replaces the view with the row.
 * The one exception to "local first" is the start of a probe: an instance waits for the store
 * before probing, so that one instance of a fleet probes.
 */
public final class CircuitBreaker implements StateListener {

    private final String key;
    private final CircuitBreakerSettings settings;
    private final StateStore store;
    private final Ticker ticker;
    private final BreakerObserver observer;
    private final String self;
    private final String rejectionMessage;
    private final AtomicReference<CircuitState> current;
    private long confirmedVersion = -1;
    private final SharedWindow sharedWindow;
    /** The metrics of the methods guarded by this breaker, told when it opens. */
    private final List<MethodMetrics> openingsCountedBy = new CopyOnWriteArrayList<>();
    /** The highest time per phase reported so far, so that readings never go back. */
    private final AtomicLongArray reportedNanos = new AtomicLongArray(BreakerPhase.values().length);

    public CircuitBreaker(String key, CircuitBreakerSettings settings, StateStore store, Ticker ticker,
            BreakerObserver observer) {
        this.key = key;
        this.settings = settings;
        this.store = store;
        this.ticker = ticker;
        this.observer = observer;
        this.self = store.instanceId();
        this.rejectionMessage = "circuit breaker " + key + " is open";
        this.sharedWindow = store.sharedWindow(key, new SharedWindow.Spec(settings.requestVolumeThreshold(),
                settings.failureRatio(), settings.delayMillis()));
        this.current = new AtomicReference<>(stateFor(BreakerState.initial(), null));
        replaceView(store.attach(key, this));
    }

    public String key() {
        return key;
    }

    /** The state as this instance sees it now. */
    public BreakerState state() {
        return current.get().stored();
    }

    /** The state with what this instance counted, for the maintenance API. */
    public BreakerStatus status() {
        CircuitState local = current.get();
        BreakerState stored = local.stored();
        if (local instanceof ClosedState closed) {
            int failures = closed.failureCount();
            return new BreakerStatus(key, stored.phase(), stored.version(), stored.owner(), Duration.ZERO, failures,
                    closed.recorded(), failures);
        }
        long remainingNanos = local instanceof OpenState open ? open.remainingNanos(now())
                : ((HalfOpenState) local).remainingNanos(now());
        return new BreakerStatus(key, stored.phase(), stored.version(), stored.owner(), Duration.ofNanos(remainingNanos),
                stored.failureCount(), 0, 0);
    }

    /**
     * Total time this instance's view of the breaker has spent in {@code phase} since the breaker was
     * created here, the current phase's time so far included. Never decreases.
     */
    public long nanosIn(BreakerPhase phase) {
        long total = current.get().clock().nanosIn(phase, now());
        return reportedNanos.accumulateAndGet(phase.ordinal(), total, Math::max);
    }

    /** From now on, tells {@code metrics} each time the breaker moves from CLOSED to OPEN. */
    public void countOpenings(MethodMetrics metrics) {
        if (metrics != MethodMetrics.NONE && !openingsCountedBy.contains(metrics)) {
            openingsCountedBy.add(metrics);
        }
    }

    /**
     * Moves the breaker to {@code phase} whatever its state, as an operator asks: CLOSED with an
     * empty window, or OPEN for {@code remainingMillis}. The store decides between concurrent
     * changes; a lost compare-and-set is tried again from the state that won.
     */
    public BreakerState force(BreakerPhase phase, long remainingMillis) {
        return force(phase, remainingMillis, phase == BreakerPhase.CLOSED ? "reset by operator" : "opened by operator");
    }

    /** {@link #force(BreakerPhase, long)}, saying why ({@code reset by operator}, ...) in the change it makes. */
    public BreakerState force(BreakerPhase phase, long remainingMillis, String reason) {
        for (int attempt = 0; attempt < 5; attempt++) {
            CircuitState from = current.get();
            BreakerState proposed = from.stored().next(phase, remainingMillis, 0, self);
            if (!current.compareAndSet(from, stateFor(proposed, from))) {
                continue;
            }
            changed(from.stored(), proposed, reason);
            BreakerState answer = await(store.transition(key, from.stored(), proposed));
            answered(proposed, answer);
            if (answer == null || sameTransition(answer, proposed)) {
                return proposed;
            }
        }
        return state();
    }

    /** Admits a call, returning the phase to record its outcome against, or rejects it. */
    CircuitState acquire() {
        CircuitState admitted = current.get().admit(this);
        if (admitted == null) {
            throw new CircuitOpenRejection(rejectionMessage, settings.rejectionStackTrace());
        }
        return admitted;
    }

    /** @return true if the outcome counted as a failure, false for a success */
    boolean record(CircuitState admittedIn, Throwable failure) {
        if (failure == null || !settings.failOn().test(failure)) {
            admittedIn.onSuccess(this);
            return false;
        }
        admittedIn.onFailure(this, failure);
        return true;
    }

    /** @return true if the method's result counted as a failure ({@code @FailureWhen.result}), false for a success */
    boolean recordResult(CircuitState admittedIn, Object value) {
        if (!settings.failOnResult().test(value)) {
            admittedIn.onSuccess(this);
            return false;
        }
        admittedIn.onFailure(this, null);
        return true;
    }

    @Override
    public void stateChanged(BreakerState state) {
        adopt(state);
    }

    @Override
    public void stateReplaced(BreakerState state) {
        replaceView(state);
    }

    @Override
    public synchronized void stateRebased(BreakerState state) {
        confirmedVersion = state.version();
        if (!sameTransition(state, current.get().stored())) {
            replace(state);
        }
    }

    long now() {
        return ticker.nanoTime();
    }

    /** @return true if the fleet's shared window took the outcome; false: the local window judges */
    boolean recordShared(ClosedState in, boolean failure) {
        if (sharedWindow == null || !sharedWindow.active()) {
            return false;
        }
        sharedWindow.record(in.stored().version(), failure);
        return true;
    }

    /** The rolling window of {@code calls} outcomes reached the failure ratio. */
    void trip(ClosedState from, int failures, int calls) {
        String reason = plural(failures, "failure") + " in " + plural(calls, "call") + ", ratio "
                + decimal((double) failures / calls) + " >= " + decimal(settings.failureRatio());
        move(from, from.stored().next(BreakerPhase.OPEN, settings.delayMillis(), failures, self), reason);
    }

    void probeFailed(HalfOpenState from, Throwable failure) {
        move(from, from.stored().next(BreakerPhase.OPEN, settings.delayMillis(), 1, self),
                "probe failed: " + (failure == null ? "its result counted as a failure" : failure.getClass().getName()));
    }

    void close(HalfOpenState from) {
        int needed = settings.successThreshold();
        move(from, from.stored().next(BreakerPhase.CLOSED, 0, 0, self),
                "probe succeeded (" + needed + " of " + needed + ")");
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** 0.75, 0.5, 1, 0.667: at most three decimals, no trailing zeros. */
    private static String decimal(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Why a breaker may probe now. */
    private static String probeReason(CircuitState from) {
        if (from instanceof HalfOpenState) {
            return "probe lease of " + from.stored().owner() + " expired";
        }
        return "delay of " + from.stored().remainingMillis() + " ms elapsed";
    }

    private static String madeBy(BreakerState state) {
        return state.owner().isEmpty() ? "made by nobody yet (the store's initial state)" : "made by " + state.owner();
    }

    /**
     * Asks the store for the half-open phase and waits for its answer (bounded by the store), so
     * that exactly one instance wins the probe. Returns the phase that admits this call, or null.
     */
    CircuitState halfOpen(CircuitState from) {
        BreakerState proposed = from.stored().next(BreakerPhase.HALF_OPEN, settings.probeLeaseMillis(), 0, self);
        BreakerState answer = await(store.transition(key, from.stored(), proposed));
        if (answer != null && !sameTransition(answer, proposed)) {
            replaceView(answer); // another instance probes, or the row moved: no probe here
            return null;
        }
        boolean confirmed = answer != null;
        if (answer == null) {
            answer = proposed; // the store cannot tell: decide locally, as a lone instance would
        }
        CircuitState next = stateFor(answer, from);
        synchronized (this) {
            if (!current.compareAndSet(from, next)) {
                // The feed may have delivered this very row before the writer's answer: then the
                // phase is ours and this call is its first trial.
                CircuitState now = current.get();
                return sameTransition(now.stored(), answer) ? now.admit(this) : null;
            }
            if (confirmed) {
                confirmedVersion = Math.max(confirmedVersion, answer.version());
            }
        }
        changed(from.stored(), answer, probeReason(from));
        return next.admit(this);
    }

    private void move(CircuitState from, BreakerState proposed, String reason) {
        if (!current.compareAndSet(from, stateFor(proposed, from))) {
            return;
        }
        changed(from.stored(), proposed, reason);
        store.transition(key, from.stored(), proposed).thenAccept(answer -> answered(proposed, answer));
    }

    /** An announcement from the store: taken only if newer than the local view. */
    private synchronized void adopt(BreakerState newer) {
        confirmedVersion = Math.max(confirmedVersion, newer.version());
        BreakerState known = current.get().stored();
        if (newer.version() < known.version() || newer.version() == known.version() && sameTransition(newer, known)) {
            return;
        }
        replace(newer);
    }

    /**
     * The store's row replaces the local view, whose own later transitions did not reach the store
     * (they lost, or were made during an outage and the row moved). Older than something the store
     * already told us means it is stale: ignored.
     */
    private synchronized void replaceView(BreakerState row) {
        if (row.version() < confirmedVersion) {
            return;
        }
        confirmedVersion = row.version();
        if (!sameTransition(row, current.get().stored())) {
            replace(row);
        }
    }

    /** The store's answer to this instance's own transition; null: not confirmed (yet). */
    private void answered(BreakerState proposed, BreakerState answer) {
        if (answer == null) {
            return; // the local decision stands; the store reconciles it later
        }
        if (sameTransition(answer, proposed)) {
            synchronized (this) {
                confirmedVersion = Math.max(confirmedVersion, answer.version());
            }
        } else {
            replaceView(answer);
        }
    }

    private void replace(BreakerState state) {
        for (;;) {
            CircuitState local = current.get();
            if (current.compareAndSet(local, stateFor(state, local))) {
                changed(local.stored(), state, madeBy(state));
                return;
            }
        }
    }

    /** Called once for every change of the local view, after it took effect, with why it changed. */
    private void changed(BreakerState from, BreakerState to, String reason) {
        if (from.phase() == BreakerPhase.CLOSED && to.phase() == BreakerPhase.OPEN) {
            for (MethodMetrics metrics : openingsCountedBy) {
                metrics.circuitBreakerOpened();
            }
        }
        observer.changed(key, from, to, reason);
    }

    private static boolean sameTransition(BreakerState a, BreakerState b) {
        return a.version() == b.version() && a.phase() == b.phase() && a.owner().equals(b.owner());
    }

    /** The local state for {@code state}, replacing {@code from} (null for the first one). */
    private CircuitState stateFor(BreakerState state, CircuitState from) {
        long now = now();
        long deadline = now + MILLISECONDS.toNanos(state.remainingMillis());
        PhaseClock clock = from == null ? PhaseClock.start(state.phase(), now) : from.clock().enter(state.phase(), now);
        return switch (state.phase()) {
            case CLOSED -> new ClosedState(state, clock, settings);
            case OPEN -> new OpenState(state, clock, deadline);
            case HALF_OPEN -> new HalfOpenState(state, clock, state.owner().equals(self), deadline,
                    settings.successThreshold());
        };
    }

    /** The store's answer, or null when it cannot tell (its contract bounds the wait). */
    private static BreakerState await(CompletionStage<BreakerState> answer) {
        try {
            return answer.toCompletableFuture().join();
        } catch (RuntimeException storeBrokeItsContract) {
            return null;
        }
    }
}
