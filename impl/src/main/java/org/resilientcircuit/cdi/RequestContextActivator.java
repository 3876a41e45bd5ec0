package org.resilientcircuit.cdi;

import java.util.function.Supplier;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import org.resilientcircuit.engine.ContextActivator;

/** Activates the CDI request context around an asynchronous method running on a library thread. */
final class RequestContextActivator implements ContextActivator {

    private final Instance<RequestContextController> controllers;

    RequestContextActivator(BeanManager beans) {
        this.controllers = beans.createInstance().select(RequestContextController.class);
    }

    @Override
    public <T> T run(Supplier<T> work) {
        RequestContextController controller = controllers.get();
        boolean activated = controller.activate();
        try {
            return work.get();
        } finally {
            if (activated) {
                controller.deactivate();
            }
            controllers.destroy(controller);
        }
    }
}
