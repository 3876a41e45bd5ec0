package org.resilientcircuit.cdi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.resilientcircuit.api.UpcomingRetry;
import org.resilientcircuit.engine.Call;
import org.resilientcircuit.engine.Failures;
import org.resilientcircuit.engine.RetryPreparation;

/**
 * A {@code @PrepareRetry(method = ...)} method, called on the bean instance the guarded call runs on, so that it sees
 * (and may change) that bean's state, and an override in a subclass wins. Private methods are allowed, hence
 * setAccessible, as for fallback methods.
 */
final class PreparationMethod implements RetryPreparation.Action {

    private final Method method;
    private final boolean takesRetry;

    PreparationMethod(Method method) {
        method.setAccessible(true);
        this.method = method;
        this.takesRetry = method.getParameterCount() == 1;
    }

    @Override
    public void prepare(Call call, UpcomingRetry retry) throws Exception {
        Object target = GuardedInvocation.contextOf(call).getTarget();
        try {
            if (takesRetry) {
                method.invoke(target, retry);
            } else {
                method.invoke(target);
            }
        } catch (InvocationTargetException thrown) {
            throw Failures.rethrow(thrown.getCause());
        }
    }
}
