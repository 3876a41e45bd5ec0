package org.resilientcircuit.spi;

import java.util.concurrent.CompletionStage;

/**
 * Where circuit-breaker state lives. The engine keeps a local view of every key it uses and asks
 * the store only on transitions, so an implementation may be remote, shared by many instances and
 * sometimes unavailable.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>No method throws because the backing system failed, and none blocks its caller longer than
 *       the store's own configured bound. When the store cannot answer, {@link #attach} answers with
 *       what it knows locally and {@link #transition} completes with {@code null}: the local
 *       decision stands unconfirmed, and the store reconciles when it can (through
 *       {@link StateListener#stateReplaced}).</li>
 *   <li>{@link #transition} is a compare-and-set on the version: it succeeds only if the key is
 *       still at {@code expected.version()}.</li>
 *   <li>Changes made elsewhere reach the listener given to {@link #attach}.</li>
 * </ul>
 */
public interface StateStore extends AutoCloseable {

    /** Identifies this instance as the {@code owner} of the transitions it makes. */
    String instanceId();

    /**
     * Starts tracking {@code key}: returns its current state ({@link BreakerState#initial()} for an
     * unknown key) and from now on tells {@code listener} of changes made elsewhere.
     */
    BreakerState attach(String key, StateListener listener);

    /**
     * Moves {@code key} from {@code expected} to {@code proposed} if nobody moved it meanwhile.
     *
     * @return completes with the state the store holds afterwards: {@code proposed} when the swap
     *     won, otherwise the state that won, which replaces the caller's view; or with {@code null}
     *     when the store could not tell in time (it writes or reconciles later)
     */
    CompletionStage<BreakerState> transition(String key, BreakerState expected, BreakerState proposed);

    /**
     * The fleet's shared window for {@code key}, or null when this store judges each instance's
     * window on its own (the default, and always for a store that is not shared).
     */
    default SharedWindow sharedWindow(String key, SharedWindow.Spec spec) {
        return null;
    }

    /** Whether the store reaches its backend, for health checks and operators. */
    default StoreStatus status() {
        return new StoreStatus(describe(), false, "");
    }

    /**
     * From now on tells {@code observer} what the backend does (writes won and lost, changes
     * received, round trips, errors). A store without a backend may ignore it.
     */
    default void observe(StoreObserver observer) {
    }

    /** A short description for the startup log (never a password). */
    String describe();

    /** Releases connections and threads. */
    @Override
    void close();
}
