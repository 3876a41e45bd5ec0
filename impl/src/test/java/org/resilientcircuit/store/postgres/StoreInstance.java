package org.resilientcircuit.store.postgres;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.resilientcircuit.engine.BreakerObserver;
import org.resilientcircuit.engine.Call;
import org.resilientcircuit.engine.CircuitBreaker;
import org.resilientcircuit.engine.CircuitBreakerSettings;
import org.resilientcircuit.engine.CircuitBreakerStep;
import org.resilientcircuit.engine.ExceptionFilter;
import org.resilientcircuit.engine.Ticker;
import org.resilientcircuit.spi.BreakerPhase;

/**
 * One instance of a fleet inside a test JVM: its own store (own connections, own threads, own id)
 * and its breaker for one key, guarding a call that counts its invocations. The fleet tests run the
 * same with one JVM per instance.
 */
final class StoreInstance implements AutoCloseable {

    final PostgresStateStore store;
    final CircuitBreaker breaker;
    final CircuitBreakerStep step;
    final AtomicInteger invocations = new AtomicInteger();

    StoreInstance(TestDatabase db, PostgresSettings settings, String key, int volume, long delayMillis) {
        store = new PostgresStateStore(db.dataSource(), settings, db.name());
        breaker = new CircuitBreaker(key, new CircuitBreakerSettings(volume, 0.5, delayMillis, 1, ExceptionFilter.all(),
                settings.storeTimeoutMillis() * 60), store, Ticker.SYSTEM, BreakerObserver.NONE);
        step = new CircuitBreakerStep(breaker, call -> {
            invocations.incrementAndGet();
            return call.proceed();
        });
    }

    /** The settings of a test instance: a 500 ms store timeout, notifications, the given poll interval. */
    static PostgresSettings settings(String namespace, String name, long pollMillis, boolean sharedWindow, int quorum) {
        return new PostgresSettings(namespace, name, 500, pollMillis, true, false, sharedWindow, 20, quorum, 60_000);
    }

    void fail() {
        assertThrows(IllegalStateException.class, () -> step.invoke(new Call(() -> {
            throw new IllegalStateException("dependency down");
        })));
    }

    String call(long millis) {
        try {
            return (String) step.invoke(new Call(() -> {
                Thread.sleep(millis);
                return "ok";
            }));
        } catch (CircuitBreakerOpenException rejected) {
            return "rejected";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    BreakerPhase phase() {
        return breaker.state().phase();
    }

    @Override
    public void close() {
        store.close();
    }
}
