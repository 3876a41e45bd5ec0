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
 *
 * <p>With {@link MethodMetrics} other than {@link MethodMetrics#NONE}, each step reports to it and
 * an outermost step counts the calls; with {@code NONE} the chain is the same as without metrics.
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
        return sync(policies, MethodMetrics.NONE);
    }

    public AsyncStep async(MethodPolicies policies) {
        return async(policies, MethodMetrics.NONE);
    }

    /** The chain of a synchronous method, reporting to {@code metrics}. */
    public Step sync(MethodPolicies policies, MethodMetrics metrics) {
        Step chain = Step.INVOKE;
        for (Layer layer : innermostFirst(policies, metrics)) {
            chain = layer.sync().apply(chain);
        }
        return chain;
    }

    /** The chain of an asynchronous method, reporting to {@code metrics}. */
    public AsyncStep async(MethodPolicies policies, MethodMetrics metrics) {
        AsyncStep chain = new AsyncInvokeStep(policies.returnsCompletionStage(), contexts);
        for (Layer layer : innermostFirst(policies, metrics)) {
            chain = layer.async().apply(chain);
        }
        return chain;
    }

    private List<Layer> innermostFirst(MethodPolicies p, MethodMetrics metrics) {
        List<Layer> layers = new ArrayList<>(6);
        if (p.bulkhead() != null) {
            int value = p.bulkhead().value();
            int queue = p.bulkhead().waitingTaskQueue();
            layers.add(new Layer(next -> new SemaphoreBulkheadStep(p.name(), value, metrics, ticker, next),
                    next -> new ThreadPoolBulkheadStep(p.name(), value, queue, scheduler, metrics, ticker, next)));
        } else {
            layers.add(new Layer(UnaryOperator.identity(), next -> new OffloadStep(scheduler, next)));
        }
        if (p.timeoutMillis() != null) {
            long millis = p.timeoutMillis();
            layers.add(new Layer(next -> new TimeoutStep(millis, scheduler, metrics, ticker, next),
                    next -> new AsyncTimeoutStep(millis, scheduler, metrics, ticker, next)));
        }
        if (p.circuitBreaker() != null) {
            CircuitBreaker breaker = p.circuitBreaker();
            breaker.countOpenings(metrics);
            layers.add(new Layer(next -> new CircuitBreakerStep(breaker, metrics, next),
                    next -> new AsyncCircuitBreakerStep(breaker, metrics, next)));
        }
        if (p.retry() != null) {
            RetrySettings retry = p.retry();
            layers.add(new Layer(next -> new RetryStep(retry, ticker, metrics, next),
                    next -> new AsyncRetryStep(retry, ticker, scheduler, metrics, next)));
        }
        if (p.fallback() != null) {
            MethodPolicies.FallbackPolicy fallback = p.fallback();
            layers.add(new Layer(next -> new FallbackStep(fallback.function(), fallback.applyOn(), next),
                    next -> new AsyncFallbackStep(fallback.function(), fallback.applyOn(),
                            p.returnsCompletionStage(), next)));
        }
        if (metrics != MethodMetrics.NONE) {
            boolean fallbackDefined = p.fallback() != null;
            layers.add(new Layer(next -> new MeteredStep(metrics, fallbackDefined, next),
                    next -> new AsyncMeteredStep(metrics, fallbackDefined, next)));
        }
        return layers;
    }
}
