package org.resilientcircuit.cdi.metrics;

import static org.resilientcircuit.cdi.metrics.MetricNames.BULKHEAD_CALLS;
import static org.resilientcircuit.cdi.metrics.MetricNames.BULKHEAD_RESULT;
import static org.resilientcircuit.cdi.metrics.MetricNames.BULKHEAD_RESULTS;
import static org.resilientcircuit.cdi.metrics.MetricNames.BULKHEAD_RUNNING;
import static org.resilientcircuit.cdi.metrics.MetricNames.BULKHEAD_RUNNING_DURATION;
import static org.resilientcircuit.cdi.metrics.MetricNames.BULKHEAD_WAITING;
import static org.resilientcircuit.cdi.metrics.MetricNames.BULKHEAD_WAITING_DURATION;
import static org.resilientcircuit.cdi.metrics.MetricNames.CB_CALLS;
import static org.resilientcircuit.cdi.metrics.MetricNames.CB_OPENED;
import static org.resilientcircuit.cdi.metrics.MetricNames.CB_RESULT;
import static org.resilientcircuit.cdi.metrics.MetricNames.CB_RESULTS;
import static org.resilientcircuit.cdi.metrics.MetricNames.CB_STATE;
import static org.resilientcircuit.cdi.metrics.MetricNames.FALLBACK;
import static org.resilientcircuit.cdi.metrics.MetricNames.FALLBACKS;
import static org.resilientcircuit.cdi.metrics.MetricNames.INVOCATIONS;
import static org.resilientcircuit.cdi.metrics.MetricNames.METHOD;
import static org.resilientcircuit.cdi.metrics.MetricNames.RESULT;
import static org.resilientcircuit.cdi.metrics.MetricNames.RESULTS;
import static org.resilientcircuit.cdi.metrics.MetricNames.RETRIED;
import static org.resilientcircuit.cdi.metrics.MetricNames.RETRY_CALLS;
import static org.resilientcircuit.cdi.metrics.MetricNames.RETRY_RESULT;
import static org.resilientcircuit.cdi.metrics.MetricNames.RETRY_RESULTS;
import static org.resilientcircuit.cdi.metrics.MetricNames.RETRY_RETRIES;
import static org.resilientcircuit.cdi.metrics.MetricNames.STATE;
import static org.resilientcircuit.cdi.metrics.MetricNames.STATES;
import static org.resilientcircuit.cdi.metrics.MetricNames.STORE_DEGRADED;
import static org.resilientcircuit.cdi.metrics.MetricNames.STORE_DELAY;
import static org.resilientcircuit.cdi.metrics.MetricNames.STORE_ERRORS;
import static org.resilientcircuit.cdi.metrics.MetricNames.STORE_RESTARTS;
import static org.resilientcircuit.cdi.metrics.MetricNames.STORE_UNREADABLE;
import static org.resilientcircuit.cdi.metrics.MetricNames.STORE_LOST;
import static org.resilientcircuit.cdi.metrics.MetricNames.STORE_RECEIVED;
import static org.resilientcircuit.cdi.metrics.MetricNames.STORE_ROUND_TRIPS;
import static org.resilientcircuit.cdi.metrics.MetricNames.STORE_WRITTEN;
import static org.resilientcircuit.cdi.metrics.MetricNames.TIMED_OUT;
import static org.resilientcircuit.cdi.metrics.MetricNames.TIMEOUT_CALLS;
import static org.resilientcircuit.cdi.metrics.MetricNames.TIMEOUT_DURATION;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.resilientcircuit.engine.CircuitBreaker;
import org.resilientcircuit.engine.MethodMetrics;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.StateStore;
import org.resilientcircuit.spi.StoreObserver;

/**
 * MicroProfile Metrics: the specification's metrics in the {@code base} registry, the store's in the
 * {@code vendor} registry, every one registered at deployment and removed again when the deployment
 * stops (a server's registries outlive applications). A method's metrics are registered at its
 * first event rather than at deployment ({@link RegisteredOnFirstEvent} says why); the store's at
 * deployment. Counters are resolved once per tag combination, so a call increments a counter it
 * already holds: no lookup, no allocation.
 */
final class MpMetricsBackend implements MetricsBackend {

    private final MetricRegistry base;
    private final MetricRegistry vendor;
    private final Map<String, MpMethod> methods = new ConcurrentHashMap<>();
    private final Queue<Registered> registered = new ConcurrentLinkedQueue<>();
    private boolean closed;

    private record Registered(MetricRegistry registry, MetricID id) {
    }

    private MpMetricsBackend(MetricRegistry base, MetricRegistry vendor) {
        this.base = base;
        this.vendor = vendor;
    }

    /** The backend over the container's base and vendor registries, or null if it has none. */
    static MetricsBackend create(BeanManager beans) {
        Instance<MetricRegistry> registries = beans.createInstance().select(MetricRegistry.class);
        Instance<MetricRegistry> base = registries.select(new RegistryTypeLiteral(MetricRegistry.Type.BASE));
        Instance<MetricRegistry> vendor = registries.select(new RegistryTypeLiteral(MetricRegistry.Type.VENDOR));
        if (!base.isResolvable() || !vendor.isResolvable()) {
            return null;
        }
        return new MpMetricsBackend(base.get(), vendor.get());
    }

    @Override
    public String describe() {
        return "MicroProfile Metrics";
    }

    /** Registers nothing yet: the method's metrics are registered at its first event (see {@link RegisteredOnFirstEvent}). */
    @Override
    public MethodMetrics method(MeteredMethod method) {
        MpMethod metrics = methods.computeIfAbsent(method.name(), MpMethod::new);
        return new RegisteredOnFirstEvent(metrics, () -> register(metrics, method));
    }

    private synchronized boolean register(MpMethod metrics, MeteredMethod method) {
        if (closed) {
            return false;
        }
        metrics.register(method);
        return true;
    }

    @Override
    public StoreObserver store(StateStore store) {
        return new MpStore(store);
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Registered metric; (metric = registered.poll()) != null;) {
            metric.registry().remove(metric.id());
        }
        methods.clear();
    }

    private static Metadata metadata(String name, String unit) {
        return Metadata.builder().withName(name).withDescription(MetricNames.description(name)).withUnit(unit).build();
    }

    private Counter counter(MetricRegistry registry, String name, Tag... tags) {
        Counter counter = registry.counter(metadata(name, MetricUnits.NONE), tags);
        registered.add(new Registered(registry, new MetricID(name, tags)));
        return counter;
    }

    private Histogram histogram(MetricRegistry registry, String name, String unit, Tag... tags) {
        Histogram histogram = registry.histogram(metadata(name, unit), tags);
        registered.add(new Registered(registry, new MetricID(name, tags)));
        return histogram;
    }

    private void gauge(MetricRegistry registry, String name, String unit, java.util.function.Supplier<Long> value,
            Tag... tags) {
        registry.gauge(metadata(name, unit), value, tags);
        registered.add(new Registered(registry, new MetricID(name, tags)));
    }

    /** The metrics of every method with one name; each group is registered by the first method that has it. */
    private final class MpMethod implements MethodMetrics {

        private final Tag method;
        private final Counter[] invocations = new Counter[RESULTS.size() * FALLBACKS.size()];
        private Counter[] retryCalls;
        private Counter retries;
        private Counter[] timeoutCalls;
        private Histogram timeoutDuration;
        private Counter[] breakerCalls;
        private Counter breakerOpened;
        private boolean breakerStates;
        private Counter[] bulkheadCalls;
        private final AtomicLong running = new AtomicLong();
        private final AtomicLong waiting = new AtomicLong();
        private Histogram runningDuration;
        private Histogram waitingDuration;

        MpMethod(String name) {
            this.method = new Tag(METHOD, name);
        }

        synchronized void register(MeteredMethod m) {
            for (int result = 0; result < RESULTS.size(); result++) {
                for (int fallback = 0; fallback < FALLBACKS.size(); fallback++) {
                    boolean applies = m.fallback() ? fallback != FallbackUse.NOT_DEFINED.ordinal()
                            : fallback == FallbackUse.NOT_DEFINED.ordinal();
                    int slot = result * FALLBACKS.size() + fallback;
                    if (applies && invocations[slot] == null) {
                        invocations[slot] = counter(base, INVOCATIONS, method, new Tag(RESULT, RESULTS.get(result)),
                                new Tag(FALLBACK, FALLBACKS.get(fallback)));
                    }
                }
            }
            if (m.retry() && retryCalls == null) {
                retryCalls = new Counter[2 * RETRY_RESULTS.size()];
                for (int retried = 0; retried < 2; retried++) {
                    for (int result = 0; result < RETRY_RESULTS.size(); result++) {
                        retryCalls[retried * RETRY_RESULTS.size() + result] = counter(base, RETRY_CALLS, method,
                                new Tag(RETRIED, String.valueOf(retried == 1)), new Tag(RETRY_RESULT, RETRY_RESULTS.get(result)));
                    }
                }
                retries = counter(base, RETRY_RETRIES, method);
            }
            if (m.timeout() && timeoutCalls == null) {
                timeoutCalls = new Counter[] {counter(base, TIMEOUT_CALLS, method, new Tag(TIMED_OUT, "false")),
                        counter(base, TIMEOUT_CALLS, method, new Tag(TIMED_OUT, "true"))};
                timeoutDuration = histogram(base, TIMEOUT_DURATION, MetricUnits.NANOSECONDS, method);
            }
            if (m.breaker() != null && breakerCalls == null) {
                breakerCalls = new Counter[CB_RESULTS.size()];
                for (int result = 0; result < CB_RESULTS.size(); result++) {
                    breakerCalls[result] = counter(base, CB_CALLS, method, new Tag(CB_RESULT, CB_RESULTS.get(result)));
                }
                breakerOpened = counter(base, CB_OPENED, method);
            }
            if (m.breaker() != null && !breakerStates) {
                breakerStates = true;
                CircuitBreaker breaker = m.breaker();
                for (BreakerPhase phase : BreakerPhase.values()) {
                    gauge(base, CB_STATE, MetricUnits.NANOSECONDS, () -> breaker.nanosIn(phase), method,
                            new Tag(STATE, STATES.get(phase.ordinal())));
                }
            }
            if (m.bulkhead() && bulkheadCalls == null) {
                bulkheadCalls = new Counter[] {counter(base, BULKHEAD_CALLS, method, new Tag(BULKHEAD_RESULT, BULKHEAD_RESULTS.get(0))),
                        counter(base, BULKHEAD_CALLS, method, new Tag(BULKHEAD_RESULT, BULKHEAD_RESULTS.get(1)))};
                gauge(base, BULKHEAD_RUNNING, MetricUnits.NONE, running::get, method);
                runningDuration = histogram(base, BULKHEAD_RUNNING_DURATION, MetricUnits.NANOSECONDS, method);
            }
            if (m.bulkhead() && m.asynchronous() && waitingDuration == null) {
                gauge(base, BULKHEAD_WAITING, MetricUnits.NONE, waiting::get, method);
                waitingDuration = histogram(base, BULKHEAD_WAITING_DURATION, MetricUnits.NANOSECONDS, method);
            }
        }

        @Override
        public void invocation(boolean valueReturned, FallbackUse fallback) {
            Counter counter = invocations[(valueReturned ? 0 : FALLBACKS.size()) + fallback.ordinal()];
            if (counter != null) {
                counter.inc();
            }
        }

        @Override
        public void retried() {
            retries.inc();
        }

        @Override
        public void retryFinished(boolean retried, RetryResult result) {
            retryCalls[(retried ? RETRY_RESULTS.size() : 0) + result.ordinal()].inc();
        }

        @Override
        public void timeoutFinished(boolean timedOut, long nanos) {
            timeoutCalls[timedOut ? 1 : 0].inc();
            timeoutDuration.update(nanos);
        }

        @Override
        public void circuitBreakerFinished(BreakerResult result) {
            breakerCalls[result.ordinal()].inc();
        }

        @Override
        public void circuitBreakerOpened() {
            breakerOpened.inc();
        }

        @Override
        public void bulkheadCall(boolean accepted) {
            bulkheadCalls[accepted ? 0 : 1].inc();
        }

        @Override
        public void bulkheadStarted() {
            running.incrementAndGet();
        }

        @Override
        public void bulkheadFinished(long nanos) {
            running.decrementAndGet();
            runningDuration.update(nanos);
        }

        @Override
        public void bulkheadQueued() {
            waiting.incrementAndGet();
        }

        @Override
        public void bulkheadWaited(boolean queued, long nanos) {
            if (queued) {
                waiting.decrementAndGet();
            }
            if (waitingDuration != null) {
                waitingDuration.update(nanos);
            }
        }
    }

    /** The store's metrics in the vendor registry. */
    private final class MpStore implements StoreObserver {

        private final Counter written = counter(vendor, STORE_WRITTEN);
        private final Counter lost = counter(vendor, STORE_LOST);
        private final Counter received = counter(vendor, STORE_RECEIVED);
        private final Counter roundTrips = counter(vendor, STORE_ROUND_TRIPS);
        private final Counter errors = counter(vendor, STORE_ERRORS);
        private final Counter unreadable = counter(vendor, STORE_UNREADABLE);
        private final Counter restarts = counter(vendor, STORE_RESTARTS);
        private final Histogram delay = histogram(vendor, STORE_DELAY, MetricUnits.MILLISECONDS);

        MpStore(StateStore store) {
            gauge(vendor, STORE_DEGRADED, MetricUnits.NONE, () -> store.status().degraded() ? 1L : 0L);
        }

        @Override
        public void transitionWritten(String key) {
            written.inc();
        }

        @Override
        public void transitionLost(String key) {
            lost.inc();
        }

        @Override
        public void changeReceived(String key, long delayMillis) {
            received.inc();
            if (delayMillis >= 0) {
                delay.update(delayMillis);
            }
        }

        @Override
        public void roundTrip(long nanos) {
            roundTrips.inc();
        }

        @Override
        public void failed(String problem) {
            errors.inc();
        }

        @Override
        public void rowUnreadable(String key, String problem) {
            unreadable.inc();
        }

        @Override
        public void historyRestarted(String key) {
            restarts.inc();
        }
    }
}
