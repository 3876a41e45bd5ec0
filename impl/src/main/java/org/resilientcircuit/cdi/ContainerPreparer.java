package org.resilientcircuit.cdi;

import java.util.function.Supplier;

import jakarta.enterprise.inject.spi.BeanManager;

import org.resilientcircuit.api.RetryPreparer;
import org.resilientcircuit.api.UpcomingRetry;
import org.resilientcircuit.engine.Call;
import org.resilientcircuit.engine.RetryPreparation;

/**
 * A {@code @PrepareRetry(value = ...)} preparer as the engine runs it: obtained from the container before the first
 * retry that needs it (the container is running by then) and kept for the method.
 */
final class ContainerPreparer implements RetryPreparation.Action {

    private final Class<? extends RetryPreparer> type;
    private final Supplier<BeanManager> beans;
    private volatile RetryPreparer preparer;

    ContainerPreparer(Class<? extends RetryPreparer> type, Supplier<BeanManager> beans) {
        this.type = type;
        this.beans = beans;
    }

    @Override
    public void prepare(Call call, UpcomingRetry retry) throws Exception {
        preparer().prepare(retry);
    }

    private RetryPreparer preparer() {
        RetryPreparer result = preparer;
        if (result == null) {
            synchronized (this) {
                result = preparer;
                if (result == null) {
                    result = ContainerInstances.create(type, beans.get());
                    preparer = result;
                }
            }
        }
        return result;
    }
}
