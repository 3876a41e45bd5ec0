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
import static org.resilientcircuit.cdi.metrics.MetricNames.SECONDS_BUCKETS;
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
import static org.resilientcircuit.cdi.metrics.MetricNames.description;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;

import org.resilientcircuit.engine.CircuitBreaker;
import org.resilientcircuit.engine.MethodMetrics;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.StateStore;
import org.resilientcircuit.spi.StoreObserver;

/**
 * MicroProfile Telemetry: the specification's metrics and the store's through the container's
 * OpenTelemetry {@link Meter}, with the instrument types and units the specification gives for it
 * (counters without unit, durations in seconds with its bucket boundaries, breaker state time as a
 * counter of nanoseconds, bulkhead occupancy as up-down counters). Every attribute set is built at
 * deployment; a call only adds to an instrument.
 */
final class TelemetryBackend implements MetricsBackend {

    /** The instrumentation scope of our meter. */
    static final String SCOPE = "org.resilientcircuit";

    private final Meter meter;
    private final LongCounter invocations;
    private final LongCounter retryCalls;
    private final LongCounter retries;
    private final LongCounter timeoutCalls;
    private final DoubleHistogram timeoutDuration;
    private final LongCounter breakerCalls;
    private final LongCounter breakerOpened;
    private final LongCounter bulkheadCalls;
    private final LongUpDownCounter bulkheadRunning;
    private final LongUpDownCounter bulkheadWaiting;
    private final DoubleHistogram runningDuration;
    private final DoubleHistogram waitingDuration;
    private final Map<String, TelemetryMethod> methods = new ConcurrentHashMap<>();
    /** The breakers whose time per state the one callback of {@code ft.circuitbreaker.state.total} reports. */
    private final List<BreakerStates> breakers = new CopyOnWriteArrayList<>();
    private final Queue<AutoCloseable> callbacks = new ConcurrentLinkedQueue<>();
    private boolean stateCallback;

    private record BreakerStates(CircuitBreaker breaker, Attributes[] byPhase) {
    }

    private TelemetryBackend(Meter meter) {
        this.meter = meter;
        this.invocations = counter(INVOCATIONS);
        this.retryCalls = counter(RETRY_CALLS);
        this.retries = counter(RETRY_RETRIES);
        this.timeoutCalls = counter(TIMEOUT_CALLS);
        this.timeoutDuration = seconds(TIMEOUT_DURATION);
        this.breakerCalls = counter(CB_CALLS);
        this.breakerOpened = counter(CB_OPENED);
        this.bulkheadCalls = counter(BULKHEAD_CALLS);
        this.bulkheadRunning = meter.upDownCounterBuilder(BULKHEAD_RUNNING).setDescription(description(BULKHEAD_RUNNING))
                .build();
        this.bulkheadWaiting = meter.upDownCounterBuilder(BULKHEAD_WAITING).setDescription(description(BULKHEAD_WAITING))
                .build();
        this.runningDuration = seconds(BULKHEAD_RUNNING_DURATION);
        this.waitingDuration = seconds(BULKHEAD_WAITING_DURATION);
    }

    /** The backend over the container's {@code OpenTelemetry} (or else its {@code Meter}), or null if it has neither. */
    static MetricsBackend create(BeanManager beans) {
        Instance<Object> instance = beans.createInstance();
        Instance<OpenTelemetry> openTelemetry = instance.select(OpenTelemetry.class);
        if (openTelemetry.isResolvable()) {
            return new TelemetryBackend(openTelemetry.get().getMeter(SCOPE));
        }
        Instance<Meter> meter = instance.select(Meter.class);
        if (meter.isResolvable()) {
            return new TelemetryBackend(meter.get());
        }
        return null;
    }

    @Override
    public String describe() {
        return "MicroProfile Telemetry";
    }

    private LongCounter counter(String name) {
        return meter.counterBuilder(name).setDescription(description(name)).build();
    }

    private DoubleHistogram seconds(String name) {
        DoubleHistogramBuilder builder = meter.histogramBuilder(name).setDescription(description(name)).setUnit("seconds");
        try {
            builder = builder.setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS);
        } catch (LinkageError olderApi) {
            // OpenTelemetry API before 1.32 (no advice): the SDK's default boundaries apply
        }
        return builder.build();
    }

    private static double toSeconds(long nanos) {
        return nanos / 1e9;
    }

    @Override
    public MethodMetrics method(MeteredMethod method) {
        TelemetryMethod metrics = methods.computeIfAbsent(method.name(), TelemetryMethod::new);
        metrics.register(method);
        return metrics;
    }

    /** Starts the one callback that reports every breaker's time per state, with the first breaker. */
    private synchronized void reportStates(CircuitBreaker breaker, Attributes method) {
        Attributes[] byPhase = new Attributes[BreakerPhase.values().length];
        for (BreakerPhase phase : BreakerPhase.values()) {
            byPhase[phase.ordinal()] = method.toBuilder().put(STATE, STATES.get(phase.ordinal())).build();
        }
        breakers.add(new BreakerStates(breaker, byPhase));
        if (!stateCallback) {
            stateCallback = true;
            callbacks.add(meter.counterBuilder(CB_STATE).setDescription(description(CB_STATE)).setUnit("nanoseconds")
                    .buildWithCallback(this::recordStates));
        }
    }

    private void recordStates(ObservableLongMeasurement measurement) {
        for (BreakerStates states : breakers) {
            for (BreakerPhase phase : BreakerPhase.values()) {
                measurement.record(states.breaker().nanosIn(phase), states.byPhase()[phase.ordinal()]);
            }
        }
    }

    @Override
    public StoreObserver store(StateStore store) {
        callbacks.add(meter.gaugeBuilder(STORE_DEGRADED).setDescription(description(STORE_DEGRADED)).ofLongs()
                .buildWithCallback(measurement -> measurement.record(store.status().degraded() ? 1 : 0)));
        return new TelemetryStore();
    }

    @Override
    public void close() {
        for (AutoCloseable callback; (callback = callbacks.poll()) != null;) {
            try {
                callback.close();
            } catch (Exception ignored) {
                // the SDK may be shut down already; nothing is left to stop
            }
        }
        breakers.clear();
        methods.clear();
    }

    /** The attribute sets of every method with one name; each group is made by the first method that has it. */
    private final class TelemetryMethod implements MethodMetrics {

        private final Attributes method;
        private final Attributes[] invocationAttributes = new Attributes[RESULTS.size() * FALLBACKS.size()];
        private final Attributes[] retryAttributes = new Attributes[2 * RETRY_RESULTS.size()];
        private final Attributes[] timeoutAttributes = new Attributes[2];
        private final Attributes[] breakerAttributes = new Attributes[CB_RESULTS.size()];
        private final Attributes[] bulkheadAttributes = new Attributes[2];
        private boolean breakerStates;
        private boolean bulkhead;
        private boolean queue;

        TelemetryMethod(String name) {
            this.method = Attributes.of(AttributeKey.stringKey(METHOD), name);
        }

        synchronized void register(MeteredMethod m) {
            for (int result = 0; result < RESULTS.size(); result++) {
                for (int fallback = 0; fallback < FALLBACKS.size(); fallback++) {
                    invocationAttributes[result * FALLBACKS.size() + fallback] = method.toBuilder()
                            .put(RESULT, RESULTS.get(result)).put(FALLBACK, FALLBACKS.get(fallback)).build();
                }
            }
            for (int retried = 0; retried < 2; retried++) {
                for (int result = 0; result < RETRY_RESULTS.size(); result++) {
                    retryAttributes[retried * RETRY_RESULTS.size() + result] = method.toBuilder()
                            .put(RETRIED, String.valueOf(retried == 1)).put(RETRY_RESULT, RETRY_RESULTS.get(result)).build();
                }
            }
            timeoutAttributes[0] = method.toBuilder().put(TIMED_OUT, "false").build();
            timeoutAttributes[1] = method.toBuilder().put(TIMED_OUT, "true").build();
            for (int result = 0; result < CB_RESULTS.size(); result++) {
                breakerAttributes[result] = method.toBuilder().put(CB_RESULT, CB_RESULTS.get(result)).build();
            }
            for (int result = 0; result < 2; result++) {
                bulkheadAttributes[result] = method.toBuilder().put(BULKHEAD_RESULT, BULKHEAD_RESULTS.get(result)).build();
            }
            if (m.breaker() != null && !breakerStates) {
                breakerStates = true;
                reportStates(m.breaker(), method);
            }
            if (m.bulkhead() && !bulkhead) {
                bulkhead = true;
                bulkheadRunning.add(0, method); // present (at 0) from the start, like a gauge
            }
            if (m.bulkhead() && m.asynchronous() && !queue) {
                queue = true;
                bulkheadWaiting.add(0, method);
            }
        }

        @Override
        public void invocation(boolean valueReturned, FallbackUse fallback) {
            invocations.add(1, invocationAttributes[(valueReturned ? 0 : FALLBACKS.size()) + fallback.ordinal()]);
        }

        @Override
        public void retried() {
            retries.add(1, method);
        }

        @Override
        public void retryFinished(boolean retried, RetryResult result) {
            retryCalls.add(1, retryAttributes[(retried ? RETRY_RESULTS.size() : 0) + result.ordinal()]);
        }

        @Override
        public void timeoutFinished(boolean timedOut, long nanos) {
            timeoutCalls.add(1, timeoutAttributes[timedOut ? 1 : 0]);
            timeoutDuration.record(toSeconds(nanos), method);
        }

        @Override
        public void circuitBreakerFinished(BreakerResult result) {
            breakerCalls.add(1, breakerAttributes[result.ordinal()]);
        }

        @Override
        public void circuitBreakerOpened() {
            breakerOpened.add(1, method);
        }

        @Override
        public void bulkheadCall(boolean accepted) {
            bulkheadCalls.add(1, bulkheadAttributes[accepted ? 0 : 1]);
        }

        @Override
        public void bulkheadStarted() {
            bulkheadRunning.add(1, method);
        }

        @Override
        public void bulkheadFinished(long nanos) {
            bulkheadRunning.add(-1, method);
            runningDuration.record(toSeconds(nanos), method);
        }

        @Override
        public void bulkheadQueued() {
            bulkheadWaiting.add(1, method);
        }

        @Override
        public void bulkheadWaited(boolean queued, long nanos) {
            if (queued) {
                bulkheadWaiting.add(-1, method);
            }
            if (queue) {
                waitingDuration.record(toSeconds(nanos), method);
            }
        }
    }

    /** The store's metrics on the same meter. */
    private final class TelemetryStore implements StoreObserver {

        private final LongCounter written = counter(STORE_WRITTEN);
        private final LongCounter lost = counter(STORE_LOST);
        private final LongCounter received = counter(STORE_RECEIVED);
        private final LongCounter roundTrips = counter(STORE_ROUND_TRIPS);
        private final LongCounter errors = counter(STORE_ERRORS);
        private final LongCounter unreadable = counter(STORE_UNREADABLE);
        private final LongCounter restarts = counter(STORE_RESTARTS);
        private final DoubleHistogram delay = seconds(STORE_DELAY);

        @Override
        public void transitionWritten(String key) {
            written.add(1);
        }

        @Override
        public void transitionLost(String key) {
            lost.add(1);
        }

        @Override
        public void changeReceived(String key, long delayMillis) {
            received.add(1);
            if (delayMillis >= 0) {
                delay.record(delayMillis / 1e3);
            }
        }

        @Override
        public void roundTrip(long nanos) {
            roundTrips.add(1);
        }

        @Override
        public void failed(String problem) {
            errors.add(1);
        }

        @Override
        public void rowUnreadable(String key, String problem) {
            unreadable.add(1);
        }

        @Override
        public void historyRestarted(String key) {
            restarts.add(1);
        }
    }
}
