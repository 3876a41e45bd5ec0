/**
 * What an application uses of Resilient Circuit beyond the MicroProfile Fault Tolerance annotations:
 * the backoff annotations that shape the delays of {@code @Retry} ({@link org.resilientcircuit.api.ExponentialBackoff},
 * {@link org.resilientcircuit.api.FibonacciBackoff}, {@link org.resilientcircuit.api.CustomBackoff} with a
 * {@link org.resilientcircuit.api.BackoffStrategy}), the predicates that decide what is retried and what a breaker
 * counts as a failure ({@link org.resilientcircuit.api.RetryWhen}, {@link org.resilientcircuit.api.FailureWhen}, with
 * {@link org.resilientcircuit.api.DatabaseFailures} for JDBC failures), what runs before each retry
 * ({@link org.resilientcircuit.api.PrepareRetry} with a {@link org.resilientcircuit.api.RetryPreparer}), a breaker's shared name ({@link org.resilientcircuit.api.BreakerKey}),
 * the data source that holds the shared state ({@link org.resilientcircuit.api.BreakerDataSource}), the
 * maintenance API ({@link org.resilientcircuit.api.CircuitBreakers}) and the CDI event of every state change
 * ({@link org.resilientcircuit.api.BreakerStateChanged}).
 *
 * <p>Compile against {@code resilient-circuit-api}; the implementation ({@code resilient-circuit-impl})
 * is needed only at run time:
 * <pre>{@code
 * @ApplicationScoped
 * public class Orders {
 *
 *     @Retry(delay = 100, maxRetries = 5)
 *     @ExponentialBackoff(maxDelay = 2, maxDelayUnit = ChronoUnit.SECONDS)
 *     @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
 *     @BreakerKey("payments")
 *     public Receipt charge(Order order) {
 *         return payments.charge(order);
 *     }
 * }
 * }</pre>
 */
package org.resilientcircuit.api;
