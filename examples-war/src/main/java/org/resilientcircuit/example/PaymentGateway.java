package org.resilientcircuit.example;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.resilientcircuit.api.BreakerKey;

/**
 * The client of the payment gateway. Charging and refunding go to the same remote service, so they
 * share one breaker: {@code payment-gateway}, one row in {@code rc_circuit_breakers} for the whole
 * fleet. Failures of either method count in it, and once it is open both are rejected on every
 * instance without reaching the gateway.
 */
@ApplicationScoped
public class PaymentGateway {

    /** The shared breaker's key. */
    public static final String BREAKER = "payment-gateway";

    @Inject
    Downstreams downstreams;

    @Inject
    Invocations invocations;

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1)
    @BreakerKey(BREAKER)
    public String charge(String orderId, long cents) {
        invocations.count("payment.charge");
        downstreams.payment().call("charge " + orderId);
        return "charged " + cents + " cents for " + orderId;
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1)
    @BreakerKey(BREAKER)
    public String refund(String orderId) {
        invocations.count("payment.refund");
        downstreams.payment().call("refund " + orderId);
        return "refunded " + orderId;
    }
}
