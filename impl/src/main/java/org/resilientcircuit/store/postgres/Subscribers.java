package org.resilientcircuit.store.postgres;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.resilientcircuit.spi.BreakerState;
import org.resilientcircuit.spi.StateListener;

/** The breaker of each key this instance uses: where the store's threads deliver what they find. */
final class Subscribers {

    private final Map<String, StateListener> byKey = new ConcurrentHashMap<>();

    void add(String key, StateListener listener) {
        byKey.put(key, listener);
    }

    /** The keys in use, which the change feed polls. */
    String[] keys() {
        return byKey.keySet().toArray(String[]::new);
    }

    /** Whether this instance uses {@code key}. */
    boolean uses(String key) {
        return byKey.containsKey(key);
    }

    /** The row changed; the breaker takes it if it is newer than its view. */
    void changed(String key, BreakerState row) {
        StateListener listener = byKey.get(key);
        if (listener != null && row != null) {
            listener.stateChanged(row);
        }
    }

    /** The row replaces the breaker's view (its own transition lost, or reconciliation adopted the row). */
    void replaced(String key, BreakerState row) {
        StateListener listener = byKey.get(key);
        if (listener != null && row != null) {
            listener.stateReplaced(row);
        }
    }

    /** The row's history went backwards; the breaker adopts the row whatever its version. */
    void rebased(String key, BreakerState row) {
        StateListener listener = byKey.get(key);
        if (listener != null && row != null) {
            listener.stateRebased(row);
        }
    }
}
