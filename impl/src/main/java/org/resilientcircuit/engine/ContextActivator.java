package org.resilientcircuit.engine;

import java.util.function.Supplier;

/**
 * Wraps the execution of an asynchronous method on a library thread with whatever the container
 * must make active there (the CDI request context). The engine knows no container.
 */
@FunctionalInterface
public interface ContextActivator {

    ContextActivator NONE = new ContextActivator() {
        @Override
        public <T> T run(Supplier<T> work) {
            return work.get();
        }
    };

    <T> T run(Supplier<T> work);
}
