package org.resilientcircuit.cdi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.spi.BeanManager;

import org.resilientcircuit.cdi.metrics.FaultToleranceMetrics;
import org.resilientcircuit.cdi.metrics.MeteredMethod;
import org.resilientcircuit.cdi.threads.Threads;
import org.resilientcircuit.engine.ChainBuilder;
import org.resilientcircuit.engine.CircuitBreaker;
import org.resilientcircuit.engine.MethodMetrics;
import org.resilientcircuit.engine.MethodPolicies;
import org.resilientcircuit.engine.Ticker;
import org.resilientcircuit.spi.StateStore;

/**
 * What one deployment runs on: the library's threads, the state store, the breakers by key and the
 * metrics. Built after deployment validation, closed at container shutdown.
 */
final class FaultToleranceRuntime implements AutoCloseable {

    private final Threads threads;
    private final StateStore store;
    private final BeanManager beans;
    private final ChainBuilder chains;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    private final BreakerEvents events;

    private final long probeLeaseMillis;
    private final boolean rejectionStackTrace;

    private final FaultToleranceMetrics metrics;

    FaultToleranceRuntime(Threads threads, StateStore store, long probeLeaseMillis, boolean rejectionStackTrace,
            BeanManager beans, FaultToleranceMetrics metrics) {
        this.threads = threads;
        this.probeLeaseMillis = probeLeaseMillis;
        this.rejectionStackTrace = rejectionStackTrace;
        this.store = store;
        this.beans = beans;
        this.metrics = metrics;
        this.events = new BreakerEvents(beans, store.instanceId());
        this.chains = new ChainBuilder(threads.scheduler(), Ticker.SYSTEM, new RequestContextActivator(beans));
        if (metrics.active()) {
            store.observe(metrics.storeObserver(store));
        }
    }

    GuardedMethod guard(MethodDefinition definition) {
        CircuitBreaker breaker = definition.circuitBreaker() == null ? null : breaker(definition);
        MethodPolicies policies = new MethodPolicies(definition.name(), definition.asynchronous(),
                definition.returnsCompletionStage(),
                definition.fallback() == null ? null
                        : new MethodPolicies.FallbackPolicy(Fallbacks.of(definition.fallback(), beans),
                                definition.fallback().applyOn()),
                definition.retry(), breaker, definition.timeoutMillis(), definition.bulkhead());
        MethodMetrics methodMetrics = metrics.forMethod(new MeteredMethod(
                MeteredMethod.nameOf(definition.beanClass(), definition.method().getName()), definition.retry() != null,
                definition.timeoutMillis() != null, breaker, definition.bulkhead() != null, definition.asynchronous(),
                definition.fallback() != null));
        if (definition.asynchronous()) {
            return new GuardedMethod.Async(chains.async(policies, methodMetrics), definition.returnsCompletionStage(),
                    threads.context());
        }
        return new GuardedMethod.Sync(chains.sync(policies, methodMetrics));
    }

    private CircuitBreaker breaker(MethodDefinition definition) {
        return breakers.computeIfAbsent(definition.breakerKey(),
                key -> new CircuitBreaker(key, definition.circuitBreaker().withProbeLease(probeLeaseMillis)
                        .withRejectionStackTrace(rejectionStackTrace), store,
                        Ticker.SYSTEM, events));
    }

    StateStore store() {
        return store;
    }

    Map<String, CircuitBreaker> breakers() {
        return breakers;
    }

    FaultToleranceMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        threads.close();
        events.close();
        store.close();
        metrics.close();
    }
}
