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
 * same transition to the store; the store's answer, or a change the store reports from elsewhere,
 * is adopted when it is newer than what this instance holds. The one exception is the start of a
 * probe: an instance waits for the store before probing, so that one instance of a fleet probes.
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
        adopt(store.attach(key, this));
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
            BreakerState answer = await(store.transition(key, from.stored(), proposed), proposed);
            adopt(answer);
            if (answer.version() == proposed.version() && answer.owner().equals(self) && answer.phase() == phase) {
                return answer;
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
        BreakerState answer = await(store.transition(key, from.stored(), proposed), proposed);
        CircuitState next;
        synchronized (this) {
            next = stateFor(answer);
            if (answer.version() < confirmedVersion || !current.compareAndSet(from, next)) {
                next = null;
            } else {
                confirmedVersion = Math.max(confirmedVersion, answer.version());
            }
        }
        if (next == null) {
            adopt(answer);
            return null;
        }
        observer.changed(key, from.stored(), answer);
        return next.admit(this);
    }

    private void move(CircuitState from, BreakerState proposed) {
        if (!current.compareAndSet(from, stateFor(proposed))) {
            return;
        }
        observer.changed(key, from.stored(), proposed);
        store.transition(key, from.stored(), proposed).thenAccept(this::adopt);
    }

    /**
     * Takes a state from the store (an answer or a change made elsewhere) unless the store already
     * told this instance of that version or a newer one. Comparing with what the store confirmed,
     * not with the local view, lets a store re-base an instance whose local transitions ran ahead
     * while the database was unreachable. Rare (transitions only), so a plain lock keeps two answers
     * from overtaking each other.
     */
    private synchronized void adopt(BreakerState newer) {
        if (newer.version() <= confirmedVersion) {
            return;
        }
        confirmedVersion = newer.version();
        for (;;) {
            CircuitState local = current.get();
            BreakerState known = local.stored();
            if (sameTransition(newer, known)) {
                return;
            }
            if (current.compareAndSet(local, stateFor(newer))) {
                observer.changed(key, known, newer);
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

    private static BreakerState await(CompletionStage<BreakerState> answer, BreakerState proposed) {
        try {
            return answer.toCompletableFuture().join();
        } catch (RuntimeException storeBrokeItsContract) {
            return proposed;
        }
    }
}
