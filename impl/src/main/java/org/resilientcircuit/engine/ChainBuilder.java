package org.resilientcircuit.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Composes a method's policies into its chain, once. The order is the specification's and is
 * written here only: Fallback wraps Retry wraps CircuitBreaker wraps Timeout wraps Bulkhead wraps the
 * method. So a retry sees each rejection of the breaker, the breaker counts each timeout, and the
 * fallback sees only what is left when all else is done. An asynchronous chain leaves the caller's
 * thread at the bulkhead, or just before the method when there is none.
 */
public final class ChainBuilder {

    /** One policy, able to wrap either kind of chain. */
    private record Layer(UnaryOperator<Step> sync, UnaryOperator<AsyncStep> async) {
    }

    private final Scheduler scheduler;
    private final Ticker ticker;
    private final ContextActivator contexts;

    public ChainBuilder(Scheduler scheduler, Ticker ticker, ContextActivator contexts) {
        this.scheduler = scheduler;
        this.ticker = ticker;
        this.contexts = contexts;
    }

    public Step sync(MethodPolicies policies) {
        Step chain = Step.INVOKE;
        for (Layer layer : innermostFirst(policies)) {
            chain = layer.sync().apply(chain);
        }
        return chain;
    }

    public AsyncStep async(MethodPolicies policies) {
        AsyncStep chain = new AsyncInvokeStep(policies.returnsCompletionStage(), contexts);
        for (Layer layer : innermostFirst(policies)) {
            chain = layer.async().apply(chain);
        }
        return chain;
    }

    private List<Layer> innermostFirst(MethodPolicies p) {
        List<Layer> layers = new ArrayList<>(5);
        if (p.bulkhead() != null) {
            int value = p.bulkhead().value();
            int queue = p.bulkhead().waitingTaskQueue();
            layers.add(new Layer(next -> new SemaphoreBulkheadStep(p.name(), value, next),
                    next -> new ThreadPoolBulkheadStep(p.name(), value, queue, scheduler, next)));
        } else {
            layers.add(new Layer(UnaryOperator.identity(), next -> new OffloadStep(scheduler, next)));
        }
        if (p.timeoutMillis() != null) {
            long millis = p.timeoutMillis();
            layers.add(new Layer(next -> new TimeoutStep(millis, scheduler, next),
                    next -> new AsyncTimeoutStep(millis, scheduler, next)));
        }
        if (p.circuitBreaker() != null) {
            CircuitBreaker breaker = p.circuitBreaker();
            layers.add(new Layer(next -> new CircuitBreakerStep(breaker, next),
                    next -> new AsyncCircuitBreakerStep(breaker, next)));
        }
        if (p.retry() != null) {
            RetrySettings retry = p.retry();
            layers.add(new Layer(next -> new RetryStep(retry, ticker, next),
                    next -> new AsyncRetryStep(retry, ticker, scheduler, next)));
        }
        if (p.fallback() != null) {
            MethodPolicies.FallbackPolicy fallback = p.fallback();
            layers.add(new Layer(next -> new FallbackStep(fallback.function(), fallback.applyOn(), next),
                    next -> new AsyncFallbackStep(fallback.function(), fallback.applyOn(),
                            p.returnsCompletionStage(), next)));
        }
        return layers;
    }
}
