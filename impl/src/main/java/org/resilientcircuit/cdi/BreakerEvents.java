package org.resilientcircuit.cdi;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;

import org.resilientcircuit.api.BreakerStateChanged;
import org.resilientcircuit.engine.BreakerObserver;
import org.resilientcircuit.spi.BreakerState;

/**
 * Logs every change of a breaker once, at INFO, with why it changed, and fires
 * {@link BreakerStateChanged} to the application's observers. Both happen on one library thread, in order, so neither a slow observer
 * nor a throwing one touches the guarded call that made the transition.
 */
final class BreakerEvents implements BreakerObserver, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BreakerEvents.class.getName());

    private final Event<BreakerStateChanged> event;
    private final String self;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread named = new Thread(task, "resilient-circuit-events");
        named.setDaemon(true);
        return named;
    });

    BreakerEvents(BeanManager beans, String self) {
        this.event = beans.getEvent().select(BreakerStateChanged.class);
        this.self = self;
    }

    @Override
    public void changed(String key, BreakerState from, BreakerState to) {
        changed(key, from, to, "");
    }

    @Override
    public void changed(String key, BreakerState from, BreakerState to, String reason) {
        BreakerStateChanged change = new BreakerStateChanged(key, from.phase(), to.phase(), to.version(), to.owner(),
                to.owner().equals(self), Duration.ofMillis(to.remainingMillis()), reason);
        try {
            thread.execute(() -> announce(change));
        } catch (RejectedExecutionException shuttingDown) {
            // the container is stopping; nobody is left to tell
        }
    }

    private void announce(BreakerStateChanged change) {
        LOG.log(Level.INFO, "breaker {0}: {1} -> {2} (version {3}, by {4}{5}){6}", change.key(), change.from(), change.to(),
                String.valueOf(change.version()), change.changedBy(), change.local() ? ", this instance" : "",
                change.reason().isEmpty() ? "" : ": " + change.reason());
        try {
            event.fire(change);
        } catch (RuntimeException observerFailed) {
            LOG.log(Level.WARNING, "an observer of BreakerStateChanged failed", observerFailed);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
