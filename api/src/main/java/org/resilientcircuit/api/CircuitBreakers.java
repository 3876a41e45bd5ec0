package org.resilientcircuit.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.resilientcircuit.spi.StoreStatus;

/**
 * The maintenance API, injectable as a CDI bean: read every breaker of this application, close one,
 * or hold one open. A change made here travels like any transition: with a shared store it reaches
 * every instance, and it is announced as a {@link BreakerStateChanged} with the reason
 * {@code reset by operator} or {@code opened by operator for <duration>}.
 *
 * <p>The breakers are those of the {@code @CircuitBreaker} methods of this application, made when the
 * deployment is validated, one per key ({@link BreakerKey}). Before that, the API knows no breaker,
 * and {@link #store()} reports a degraded store that has not started.
 *
 * <pre>{@code
 * @Path("/admin/breakers")
 * public class BreakerAdmin {
 *
 *     @Inject
 *     CircuitBreakers breakers;
 *
 *     @GET
 *     public List<BreakerStatus> list() {
 *         return breakers.all();
 *     }
 *
 *     @POST
 *     @Path("{key}/open")
 *     public BreakerStatus hold(@PathParam("key") String key) {
 *         // e.g. during the remote side's maintenance window
 *         return breakers.open(key, Duration.ofMinutes(30));
 *     }
 *
 *     @POST
 *     @Path("{key}/reset")
 *     public BreakerStatus reset(@PathParam("key") String key) {
 *         return breakers.reset(key);
 *     }
 * }
 * }</pre>
 */
public interface CircuitBreakers {

    /**
     * Whether breaker state is shared right now, or this instance runs on local state (degraded).
     *
     * @return the store's status, with the last problem it saw
     */
    StoreStatus store();

    /**
     * Every breaker this application uses.
     *
     * @return the breakers' status, sorted by key; empty before the deployment is validated
     */
    List<BreakerStatus> all();

    /**
     * One breaker.
     *
     * @param key the breaker's key
     * @return its status, or empty if this application has no breaker {@code key}
     */
    Optional<BreakerStatus> status(String key);

    /**
     * Closes the breaker and empties its window.
     *
     * @param key the breaker's key
     * @return the breaker's status afterwards
     * @throws IllegalArgumentException if this application has no breaker {@code key}
     */
    BreakerStatus reset(String key);

    /**
     * Opens the breaker for {@code duration}; calls are rejected until it ends and a probe succeeds.
     *
     * @param key the breaker's key
     * @param duration how long it stays open before a probe may start; {@link Duration#ZERO} lets
     *     the next call probe at once
     * @return the breaker's status afterwards
     * @throws IllegalArgumentException if this application has no breaker {@code key}, or the duration is negative
     */
    BreakerStatus open(String key, Duration duration);
}
