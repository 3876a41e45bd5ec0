package org.resilientcircuit.cdi;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.resilientcircuit.api.BreakerStatus;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.engine.CircuitBreaker;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.StoreStatus;

/** The maintenance API over the breakers of this deployment. */
final class Maintenance implements CircuitBreakers {

    private final Supplier<Map<String, CircuitBreaker>> breakers;
    private final Supplier<StoreStatus> store;

    Maintenance(Supplier<Map<String, CircuitBreaker>> breakers, Supplier<StoreStatus> store) {
        this.breakers = breakers;
        this.store = store;
    }

    @Override
    public StoreStatus store() {
        return store.get();
    }

    @Override
    public List<BreakerStatus> all() {
        return breakers.get().values().stream()
                .map(CircuitBreaker::status)
                .sorted(Comparator.comparing(BreakerStatus::key))
                .toList();
    }

    @Override
    public Optional<BreakerStatus> status(String key) {
        return Optional.ofNullable(breakers.get().get(key)).map(CircuitBreaker::status);
    }

    @Override
    public BreakerStatus reset(String key) {
        breaker(key).force(BreakerPhase.CLOSED, 0, "reset by operator");
        return breaker(key).status();
    }

    @Override
    public BreakerStatus open(String key, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        breaker(key).force(BreakerPhase.OPEN, duration.toMillis(), "opened by operator for " + duration);
        return breaker(key).status();
    }

    private CircuitBreaker breaker(String key) {
        CircuitBreaker breaker = breakers.get().get(key);
        if (breaker == null) {
            throw new IllegalArgumentException("no circuit breaker with key " + key + " in this application; known: "
                    + breakers.get().keySet());
        }
        return breaker;
    }
}
