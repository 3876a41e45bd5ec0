package org.resilientcircuit.engine;

import org.resilientcircuit.spi.BreakerState;

/** Calls pass; the rolling window decides when to open. */
final class ClosedState extends CircuitState {

    private final RollingWindow window;

    ClosedState(BreakerState stored, CircuitBreakerSettings settings) {
        super(stored);
        this.window = new RollingWindow(settings.requestVolumeThreshold(), settings.failureRatio());
    }

    @Override
    CircuitState admit(CircuitBreaker breaker) {
        return this;
    }

    @Override
    void onSuccess(CircuitBreaker breaker) {
        // A success can complete the window while failures already reach the ratio (TCK CircuitBreakerLateSuccessTest).
        if (window.record(false)) {
            breaker.open(this, window.failureCount());
        }
    }

    @Override
    void onFailure(CircuitBreaker breaker) {
        if (window.record(true)) {
            breaker.open(this, window.failureCount());
        }
    }

    int failureCount() {
        return window.failureCount();
    }

    int recorded() {
        return window.recorded();
    }
}
