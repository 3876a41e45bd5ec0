package org.resilientcircuit.example;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** The client of the inventory service. */
@ApplicationScoped
public class InventoryService {

    @Inject
    Downstreams downstreams;

    @Inject
    Invocations invocations;

    @Inject
    CallTrace trace;

    /**
     * Reads the stock of an article: cheap and idempotent, so it is retried three times (four
     * attempts in all) before the caller hears of the failure. No fallback: a caller must know.
     */
    @Retry(maxRetries = 3, delay = 20, jitter = 0, retryOn = DownstreamException.class)
    @Timeout(1000)
    public int checkStock(String sku) {
        invocations.count("inventory.checkStock");
        downstreams.inventory().call("stock of " + sku);
        return 42;
    }

    /**
     * Reserves articles for an order. Retried once; when the inventory service keeps failing (or its
     * breaker is open), the order is taken anyway and the articles are back-ordered. The breaker has
     * no {@code @BreakerKey}: its key is the method's, {@code org.resilientcircuit.example.InventoryService#reserve(java.lang.String,int)}.
     */
    @Retry(maxRetries = 1, delay = 50, jitter = 0)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Timeout(1000)
    @Fallback(fallbackMethod = "backorder")
    public String reserve(String sku, int quantity) {
        invocations.count("inventory.reserve");
        downstreams.inventory().call("reserve " + quantity + " x " + sku);
        return "reserved " + quantity + " x " + sku;
    }

    String backorder(String sku, int quantity) {
        invocations.count("inventory.reserve.fallback");
        trace.fallbackUsed("InventoryService.backorder");
        return "back-ordered " + quantity + " x " + sku;
    }
}
