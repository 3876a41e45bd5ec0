package org.resilientcircuit.store.memory;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.resilientcircuit.spi.BreakerState;
import org.resilientcircuit.spi.StateListener;
import org.resilientcircuit.spi.StateStore;

/**
 * The default store: state lives in this JVM and dies with it. Transitions are compare-and-set on
 * a map entry; there is nobody else to notify.
 */
public final class MemoryStateStore implements StateStore {

    private final String instanceId = "memory-" + UUID.randomUUID();
    private final Map<String, BreakerState> states = new ConcurrentHashMap<>();

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public BreakerState attach(String key, StateListener listener) {
        return states.computeIfAbsent(key, k -> BreakerState.initial());
    }

    @Override
    public CompletionStage<BreakerState> transition(String key, BreakerState expected, BreakerState proposed) {
        BreakerState after = states.compute(key, (k, held) -> {
            BreakerState current = held == null ? BreakerState.initial() : held;
            return current.version() == expected.version() ? proposed : current;
        });
        return CompletableFuture.completedFuture(after);
    }

    /** The state held for {@code key}, if any breaker used it. */
    public BreakerState get(String key) {
        return states.get(key);
    }

    @Override
    public String describe() {
        return "in-memory state store (state is local to this JVM)";
    }

    @Override
    public void close() {
        states.clear();
    }
}
