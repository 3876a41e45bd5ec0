package org.resilientcircuit.engine;

import org.resilientcircuit.spi.BreakerState;

/**
 * Calls pass; the rolling window decides when to open, or, in shared-window mode while the store is
 * reachable, the fleet's window does (and the store opens the breaker).
 */
final class ClosedState extends CircuitState {

    private final RollingWindow window;

    ClosedState(BreakerState stored, PhaseClock clock, CircuitBreakerSettings settings) {
        super(stored, clock);
        this.window = new RollingWindow(settings.requestVolumeThreshold(), settings.failureRatio());
    }

    @Override
    CircuitState admit(CircuitBreaker breaker) {
        return this;
    }

    @Override
    void onSuccess(CircuitBreaker breaker) {
        if (breaker.recordShared(this, false)) {
            return;
        }
        // A success can complete the window while failures already reach the ratio (TCK CircuitBreakerLateSuccessTest).
        if (window.record(false)) {
            breaker.trip(this, window.failureCount(), window.recorded());
        }
    }

    @Override
    void onFailure(CircuitBreaker breaker, Throwable failure) {
        if (breaker.recordShared(this, true)) {
            return;
        }
        if (window.record(true)) {
            breaker.trip(this, window.failureCount(), window.recorded());
        }
    }

    int failureCount() {
        return window.failureCount();
    }

    int recorded() {
        return window.recorded();
    }
}
