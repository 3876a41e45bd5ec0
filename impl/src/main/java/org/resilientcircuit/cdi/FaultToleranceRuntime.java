package org.resilientcircuit.cdi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.spi.BeanManager;

import org.resilientcircuit.engine.ChainBuilder;
import org.resilientcircuit.engine.CircuitBreaker;
import org.resilientcircuit.engine.LibraryThreads;
import org.resilientcircuit.engine.MethodPolicies;
import org.resilientcircuit.engine.Ticker;
import org.resilientcircuit.spi.StateStore;

/**
 * What one deployment runs on: the library's threads, the state store and the breakers by key. Built
 * after deployment validation, closed at container shutdown.
 */
final class FaultToleranceRuntime implements AutoCloseable {

    private final LibraryThreads threads = new LibraryThreads("resilient-circuit");
    private final StateStore store;
    private final BeanManager beans;
    private final ChainBuilder chains;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    private final BreakerEvents events;

    private final long probeLeaseMillis;

    FaultToleranceRuntime(StateStore store, long probeLeaseMillis, BeanManager beans) {
        this.probeLeaseMillis = probeLeaseMillis;
        this.store = store;
        this.beans = beans;
        this.events = new BreakerEvents(beans, store.instanceId());
        this.chains = new ChainBuilder(threads, Ticker.SYSTEM, new RequestContextActivator(beans));
    }

    GuardedMethod guard(MethodDefinition definition) {
        MethodPolicies policies = new MethodPolicies(definition.name(), definition.asynchronous(),
                definition.returnsCompletionStage(),
                definition.fallback() == null ? null
                        : new MethodPolicies.FallbackPolicy(Fallbacks.of(definition.fallback(), beans),
                                definition.fallback().applyOn()),
                definition.retry(),
                definition.circuitBreaker() == null ? null : breaker(definition),
                definition.timeoutMillis(), definition.bulkhead());
        if (definition.asynchronous()) {
            return new GuardedMethod.Async(chains.async(policies), definition.returnsCompletionStage());
        }
        return new GuardedMethod.Sync(chains.sync(policies));
    }

    private CircuitBreaker breaker(MethodDefinition definition) {
        return breakers.computeIfAbsent(definition.breakerKey(),
                key -> new CircuitBreaker(key, definition.circuitBreaker().withProbeLease(probeLeaseMillis), store,
                        Ticker.SYSTEM, events));
    }

    StateStore store() {
        return store;
    }

    Map<String, CircuitBreaker> breakers() {
        return breakers;
    }

    @Override
    public void close() {
        threads.close();
        events.close();
        store.close();
    }
}
