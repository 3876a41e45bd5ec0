package org.resilientcircuit.example;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.resilientcircuit.api.BreakerKey;

/**
 * The order service: a stateless EJB whose methods run in a container-managed transaction. A
 * failure is a system exception, so the container rolls the order's transaction back; the breaker
 * counts it all the same, because Resilient Circuit writes breaker state on its own threads, never in
 * the caller's transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class OrderService {

    /** The breaker of {@link #placeOrder}. */
    public static final String BREAKER = "order-placement";

    @Inject
    InventoryService inventory;

    @Inject
    PaymentGateway payment;

    @Inject
    Invocations invocations;

    @Inject
    TransactionOutcomes outcomes;

    @Inject
    CallTrace trace;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Reserves the articles (back-ordered if the inventory service is down) and charges the customer.
     * A failed charge fails the order: the exception leaves the bean and the transaction rolls back.
     */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    @BreakerKey(BREAKER)
    @Timeout(5000)
    public String placeOrder(String sku, int quantity, long cents) {
        invocations.count("orders.place");
        outcomes.track(transactions, "orders.place");
        String orderId = "order-" + UUID.randomUUID().toString().substring(0, 8);
        String reservation = inventory.reserve(sku, quantity);
        String receipt = payment.charge(orderId, cents);
        return orderId + ": " + reservation + ", " + receipt;
    }

    /** Cancels an order: the refund is retried, and queued for later when the gateway stays down. */
    @Retry(maxRetries = 2, delay = 100, jitter = 0)
    @Timeout(3000)
    @Fallback(fallbackMethod = "cancelLater")
    public String cancelOrder(String orderId) {
        invocations.count("orders.cancel");
        outcomes.track(transactions, "orders.cancel");
        return "cancelled " + orderId + ": " + payment.refund(orderId);
    }

    String cancelLater(String orderId) {
        invocations.count("orders.cancel.fallback");
        trace.fallbackUsed("OrderService.cancelLater");
        return "cancellation of " + orderId + " queued: the refund will be retried later";
    }
}
