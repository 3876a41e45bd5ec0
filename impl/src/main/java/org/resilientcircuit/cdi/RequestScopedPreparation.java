package org.resilientcircuit.cdi;

import java.util.function.Supplier;

import jakarta.enterprise.inject.spi.BeanManager;

import org.resilientcircuit.api.UpcomingRetry;
import org.resilientcircuit.engine.Call;
import org.resilientcircuit.engine.ContextActivator;
import org.resilientcircuit.engine.RetryPreparation;

/**
 * Runs a preparation with the CDI request context active, as each execution of the guarded method has it: the retry
 * of an asynchronous method is prepared on a library thread, where a preparer using a request-scoped bean would
 * otherwise fail. Where the caller's request context is already active (a synchronous retry) it is used as it is.
 */
final class RequestScopedPreparation implements RetryPreparation.Action {

    /** Carries a checked exception through the activator's Supplier. */
    private static final class Thrown extends RuntimeException {
        Thrown(Exception cause) {
            super(cause);
        }
    }

    private final RetryPreparation.Action action;
    private final Supplier<BeanManager> beans;
    private volatile ContextActivator activator;

    RequestScopedPreparation(RetryPreparation.Action action, Supplier<BeanManager> beans) {
        this.action = action;
        this.beans = beans;
    }

    @Override
    public void prepare(Call call, UpcomingRetry retry) throws Exception {
        try {
            activator().run(() -> {
                try {
                    action.prepare(call, retry);
                    return null;
                } catch (Exception failed) {
                    throw new Thrown(failed);
                }
            });
        } catch (Thrown thrown) {
            throw (Exception) thrown.getCause();
        }
    }

    /** Created at the first retry: the container is running by then, not yet when the method is read. */
    private ContextActivator activator() {
        ContextActivator result = activator;
        if (result == null) {
            result = new RequestContextActivator(beans.get());
            activator = result; // a race only creates a second, equal activator
        }
        return result;
    }
}
