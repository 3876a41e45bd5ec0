package org.resilientcircuit.cdi.metrics;

import java.util.List;

/** The names, tags and descriptions both metrics systems use: the specification's, and our store's. */
final class MetricNames {

    private MetricNames() {
    }

    static final String INVOCATIONS = "ft.invocations.total";
    static final String RETRY_CALLS = "ft.retry.calls.total";
    static final String RETRY_RETRIES = "ft.retry.retries.total";
    static final String TIMEOUT_CALLS = "ft.timeout.calls.total";
    static final String TIMEOUT_DURATION = "ft.timeout.executionDuration";
    static final String CB_CALLS = "ft.circuitbreaker.calls.total";
    static final String CB_STATE = "ft.circuitbreaker.state.total";
    static final String CB_OPENED = "ft.circuitbreaker.opened.total";
    static final String BULKHEAD_CALLS = "ft.bulkhead.calls.total";
    static final String BULKHEAD_RUNNING = "ft.bulkhead.executionsRunning";
    static final String BULKHEAD_WAITING = "ft.bulkhead.executionsWaiting";
    static final String BULKHEAD_RUNNING_DURATION = "ft.bulkhead.runningDuration";
    static final String BULKHEAD_WAITING_DURATION = "ft.bulkhead.waitingDuration";

    static final String STORE_WRITTEN = "rc.store.transitions.written.total";
    static final String STORE_LOST = "rc.store.transitions.lost.total";
    static final String STORE_RECEIVED = "rc.store.changes.received.total";
    static final String STORE_ROUND_TRIPS = "rc.store.roundtrips.total";
    static final String STORE_ERRORS = "rc.store.errors.total";
    static final String STORE_DELAY = "rc.store.propagation.delay";
    static final String STORE_DEGRADED = "rc.store.degraded";
    static final String STORE_UNREADABLE = "rc.store.rows.unreadable.total";
    static final String STORE_RESTARTS = "rc.store.history.restarts.total";

    static final String METHOD = "method";
    static final String RESULT = "result";
    static final String FALLBACK = "fallback";
    static final String RETRIED = "retried";
    static final String RETRY_RESULT = "retryResult";
    static final String TIMED_OUT = "timedOut";
    static final String CB_RESULT = "circuitBreakerResult";
    static final String STATE = "state";
    static final String BULKHEAD_RESULT = "bulkheadResult";

    /** Tag values in the order of the engine's enums ({@code MethodMetrics}) and of {@code BreakerPhase}. */
    static final List<String> RESULTS = List.of("valueReturned", "exceptionThrown");
    static final List<String> FALLBACKS = List.of("applied", "notApplied", "notDefined");
    static final List<String> RETRY_RESULTS = List.of("valueReturned", "exceptionNotRetryable", "maxRetriesReached",
            "maxDurationReached");
    static final List<String> CB_RESULTS = List.of("success", "failure", "circuitBreakerOpen");
    static final List<String> STATES = List.of("closed", "open", "halfOpen");
    static final List<String> BULKHEAD_RESULTS = List.of("accepted", "rejected");

    /** The explicit bucket boundaries (seconds) of every duration histogram in MP Telemetry. */
    static final List<Double> SECONDS_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1d, 2.5,
            5d, 7.5, 10d);

    static String description(String name) {
        return switch (name) {
            case INVOCATIONS -> "The number of times the method was called";
            case RETRY_CALLS -> "The number of times the retry logic was run";
            case RETRY_RETRIES -> "The number of times the method was retried";
            case TIMEOUT_CALLS -> "The number of times the timeout logic was run";
            case TIMEOUT_DURATION -> "Histogram of execution times for the method";
            case CB_CALLS -> "The number of times the circuit breaker logic was run";
            case CB_STATE -> "Amount of time the circuit breaker has spent in each state";
            case CB_OPENED -> "Number of times the circuit breaker has moved from closed state to open state";
            case BULKHEAD_CALLS -> "The number of times the bulkhead logic was run";
            case BULKHEAD_RUNNING -> "Number of currently running executions";
            case BULKHEAD_WAITING -> "Number of executions currently waiting in the queue";
            case BULKHEAD_RUNNING_DURATION -> "Histogram of the time that method executions spent running";
            case BULKHEAD_WAITING_DURATION -> "Histogram of the time that method executions spent waiting in the queue";
            case STORE_WRITTEN -> "Breaker transitions of this instance that the state store accepted";
            case STORE_LOST -> "Breaker transitions of this instance that lost to a concurrent change in the state store";
            case STORE_RECEIVED -> "Breaker changes made elsewhere that reached this instance";
            case STORE_ROUND_TRIPS -> "Statements (or batches) completed against the state store's backend";
            case STORE_ERRORS -> "Failed statements or connections of the state store";
            case STORE_DELAY -> "Time from a change in the state store to its arrival at this instance";
            case STORE_DEGRADED -> "1 while the state store cannot be reached and this instance decides on local state, else 0";
            case STORE_UNREADABLE -> "Stored rows found that cannot be understood (counted once per key and problem)";
            case STORE_RESTARTS -> "Keys whose stored history went backwards (table created again, truncated or restored)"
                    + " and were adopted";
            default -> throw new IllegalArgumentException(name);
        };
    }
}
