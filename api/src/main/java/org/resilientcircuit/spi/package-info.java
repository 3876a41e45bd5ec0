/**
 * The contract between the fault-tolerance engine and the place where circuit-breaker state lives:
 * {@link org.resilientcircuit.spi.StateStore} with the values it exchanges
 * ({@link org.resilientcircuit.spi.BreakerState}, {@link org.resilientcircuit.spi.BreakerPhase},
 * {@link org.resilientcircuit.spi.StoreStatus}) and the callbacks it makes
 * ({@link org.resilientcircuit.spi.StateListener}, {@link org.resilientcircuit.spi.StoreObserver},
 * {@link org.resilientcircuit.spi.SharedWindow}).
 *
 * <p>The library implements it twice, for PostgreSQL and in memory, and chooses between them at
 * startup from its configuration ({@code rc.datasource}, a {@code @BreakerDataSource} bean,
 * {@code rc.db.*}, else memory). It does not yet load a store of the application's own. An
 * application meets the types of this package as values: {@link org.resilientcircuit.spi.BreakerPhase}
 * in {@link org.resilientcircuit.api.BreakerStatus} and {@link org.resilientcircuit.api.BreakerStateChanged},
 * {@link org.resilientcircuit.spi.StoreStatus} from {@link org.resilientcircuit.api.CircuitBreakers#store()}.
 */
package org.resilientcircuit.spi;
