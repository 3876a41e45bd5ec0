package org.resilientcircuit.engine;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
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
    private final AtomicReference<CircuitState> current;
    private long confirmedVersion = -1;
    private final SharedWindow sharedWindow;

    public CircuitBreaker(String key, CircuitBreakerSettings settings, StateStore store, Ticker ticker,
            BreakerObserver observer) {
        this.key = key;
        this.settings = settings;
        this.store = store;
        this.ticker = ticker;
        this.observer = observer;
        this.self = store.instanceId();
        this.sharedWindow = store.sharedWindow(key, new SharedWindow.Spec(settings.requestVolumeThreshold(),
                settings.failureRatio(), settings.delayMillis()));
        this.current = new AtomicReference<>(stateFor(BreakerState.initial()));
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
     * Moves the breaker to {@code phase} whatever its state, as an operator asks: CLOSED with an
     * empty window, or OPEN for {@code remainingMillis}. The store decides between concurrent
     * changes; a lost compare-and-set is tried again from the state that won.
     */
    public BreakerState force(BreakerPhase phase, long remainingMillis) {
        for (int attempt = 0; attempt < 5; attempt++) {
            CircuitState from = current.get();
            BreakerState proposed = from.stored().next(phase, remainingMillis, 0, self);
            if (!current.compareAndSet(from, stateFor(proposed))) {
                continue;
            }
            observer.changed(key, from.stored(), proposed);
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
            throw new CircuitBreakerOpenException("circuit breaker " + key + " is open");
        }
        return admitted;
    }

    void record(CircuitState admittedIn, Throwable failure) {
        if (failure == null || !settings.failOn().test(failure)) {
            admittedIn.onSuccess(this);
        } else {
            admittedIn.onFailure(this);
        }
    }

    @Override
    public void stateChanged(BreakerState state) {
        adopt(state);
    }

    @Override
    public void stateReplaced(BreakerState state) {
        replaceView(state);
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

    void open(CircuitState from, int failureCount) {
        move(from, from.stored().next(BreakerPhase.OPEN, settings.delayMillis(), failureCount, self));
    }

    void close(HalfOpenState from) {
        move(from, from.stored().next(BreakerPhase.CLOSED, 0, 0, self));
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
        CircuitState next = stateFor(answer);
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
        observer.changed(key, from.stored(), answer);
        return next.admit(this);
    }

    private void move(CircuitState from, BreakerState proposed) {
        if (!current.compareAndSet(from, stateFor(proposed))) {
            return;
        }
        observer.changed(key, from.stored(), proposed);
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
            if (current.compareAndSet(local, stateFor(state))) {
                observer.changed(key, local.stored(), state);
                return;
            }
        }
    }

    private static boolean sameTransition(BreakerState a, BreakerState b) {
        return a.version() == b.version() && a.phase() == b.phase() && a.owner().equals(b.owner());
    }

    private CircuitState stateFor(BreakerState state) {
        long deadline = now() + MILLISECONDS.toNanos(state.remainingMillis());
        return switch (state.phase()) {
            case CLOSED -> new ClosedState(state, settings);
            case OPEN -> new OpenState(state, deadline);
            case HALF_OPEN -> new HalfOpenState(state, state.owner().equals(self), deadline, settings.successThreshold());
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
