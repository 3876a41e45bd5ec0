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
 *
 * <p>The library has two implementations, for PostgreSQL and in memory, and chooses one at startup
 * from its configuration; it does not yet load one of the application's own. How the engine uses a
 * store, for one key:
 * <pre>{@code
 * BreakerState view = store.attach(key, listener);              // once, at deployment
 * ...
 * BreakerState open = view.next(BreakerPhase.OPEN, delayMillis, failures, store.instanceId());
 * store.transition(key, view, open).thenAccept(answer -> {
 *     // open: the swap won; another state: that state won and replaces the view;
 *     // null: the store could not tell in time and reconciles later, through the listener
 * });
 * view = open;                                                  // the local decision counts at once
 * }</pre>
 */
public interface StateStore extends AutoCloseable {

    /**
     * Identifies this instance as the {@code owner} of the transitions it makes.
     *
     * @return an identifier unique among the instances that share the store
     */
    String instanceId();

    /**
     * Starts tracking {@code key}: returns its current state ({@link BreakerState#initial()} for an
     * unknown key) and from now on tells {@code listener} of changes made elsewhere.
     *
     * @param key the breaker's key
     * @param listener told of changes made elsewhere, on a store thread
     * @return the key's state as the store knows it, or as this instance knows it locally when the
     *     store cannot answer in time
     */
    BreakerState attach(String key, StateListener listener);

    /**
     * Moves {@code key} from {@code expected} to {@code proposed} if nobody moved it meanwhile.
     *
     * @param key the breaker's key
     * @param expected the state the caller's view is at; the swap succeeds only if the store's
     *     version of the key is still {@code expected.version()}
     * @param proposed the state to write, normally {@code expected.next(...)}
     * @return completes with the state the store holds afterwards: {@code proposed} when the swap
     *     won, otherwise the state that won, which replaces the caller's view; or with {@code null}
     *     when the store could not tell in time (it writes or reconciles later)
     */
    CompletionStage<BreakerState> transition(String key, BreakerState expected, BreakerState proposed);

    /**
     * The fleet's shared window for {@code key}, or null when this store judges each instance's
     * window on its own (the default, and always for a store that is not shared).
     *
     * @param key the breaker's key
     * @param spec the breaker's parameters that the shared window needs
     * @return the shared window, or {@code null}
     */
    default SharedWindow sharedWindow(String key, SharedWindow.Spec spec) {
        return null;
    }

    /**
     * Whether the store reaches its backend, for health checks and operators.
     *
     * @return by default, {@link #describe()} and never degraded
     */
    default StoreStatus status() {
        return new StoreStatus(describe(), false, "");
    }

    /**
     * From now on tells {@code observer} what the backend does (writes won and lost, changes
     * received, round trips, errors). A store without a backend may ignore it (the default).
     *
     * @param observer what to tell; it replaces any earlier one
     */
    default void observe(StoreObserver observer) {
    }

    /**
     * A short description for the startup log.
     *
     * @return which store and where, never a password
     */
    String describe();

    /** Releases connections and threads. */
    @Override
    void close();
}
