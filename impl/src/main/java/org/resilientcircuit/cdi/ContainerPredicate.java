package org.resilientcircuit.cdi;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.inject.spi.BeanManager;

/**
 * A {@code @RetryWhen}/{@code @FailureWhen} predicate as the engine sees it: obtained from the container at
 * its first use and kept; asked only about values of its type argument (and null); false when it throws,
 * since the engine could not report that from an asynchronous call (logged once as a warning).
 */
final class ContainerPredicate implements Predicate<Object> {

    private static final System.Logger LOG = System.getLogger(ContainerPredicate.class.getName());

    private final Class<?> type;
    private final Class<?> argument;
    private final String description;
    private final Supplier<BeanManager> beans;
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile Predicate<Object> predicate;

    /**
     * @param argument what the predicate accepts ({@code T} of its {@code Predicate<T>})
     * @param description the annotation, parameter and method, for the log
     */
    ContainerPredicate(Class<?> type, Class<?> argument, String description, Supplier<BeanManager> beans) {
        this.type = type;
        this.argument = argument;
        this.description = description;
        this.beans = beans;
    }

    @Override
    public boolean test(Object value) {
        if (value != null && !argument.isInstance(value)) {
            return false;
        }
        try {
            return predicate().test(value);
        } catch (RuntimeException | LinkageError broken) {
            System.Logger.Level level = warned.compareAndSet(false, true) ? System.Logger.Level.WARNING
                    : System.Logger.Level.DEBUG;
            LOG.log(level, "predicate " + type.getName() + " of " + description + " failed; counting it as false",
                    broken);
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private Predicate<Object> predicate() {
        Predicate<Object> result = predicate;
        if (result == null) {
            synchronized (this) {
                result = predicate;
                if (result == null) {
                    result = (Predicate<Object>) ContainerInstances.create(type, beans.get());
                    predicate = result;
                }
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "ContainerPredicate[" + type.getName() + " of " + description + "]";
    }
}
