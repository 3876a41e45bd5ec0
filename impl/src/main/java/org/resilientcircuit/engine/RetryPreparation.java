package org.resilientcircuit.engine;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.resilientcircuit.api.UpcomingRetry;

/**
 * What runs before each retry of one method ({@code @PrepareRetry}), called by both retry steps through
 * {@link RetrySettings#prepare}. It never throws: a failed preparation must not end the retry, and an asynchronous
 * retry could not report it anyway. Each exception class is logged as a warning once per method, then at debug
 * level, so a preparer that always fails does not flood the log.
 */
public final class RetryPreparation {

    /** The work itself, supplied by the glue: a preparer bean or a method of the guarded bean. */
    @FunctionalInterface
    public interface Action {
        void prepare(Call call, UpcomingRetry retry) throws Exception;
    }

    /** No {@code @PrepareRetry}: nothing runs. */
    public static final RetryPreparation NONE = new RetryPreparation(null, "", (call, retry) -> { });

    private static final System.Logger LOG = System.getLogger(RetryPreparation.class.getName());

    private final Method method;
    private final String description;
    private final Action action;
    private final Set<Class<?>> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param method the guarded method, as {@link UpcomingRetry#method()} gives it
     * @param description what the preparer is and which method it serves, for the log
     */
    public RetryPreparation(Method method, String description, Action action) {
        this.method = method;
        this.description = description;
        this.action = action;
    }

    /** Runs the preparation for retry number {@code retry}, which follows {@code result} or {@code failure}. */
    void run(Call call, int retry, Object result, Throwable failure, long delayNanos) {
        if (this == NONE) {
            return;
        }
        try {
            action.prepare(call, new Upcoming(retry, failure, failure == null ? result : null, method,
                    Duration.ofNanos(delayNanos)));
        } catch (Throwable broken) {
            if (broken instanceof VirtualMachineError fatal) {
                throw fatal; // out of memory is not the preparer's failure to report
            }
            System.Logger.Level level = warned.add(broken.getClass()) ? System.Logger.Level.WARNING
                    : System.Logger.Level.DEBUG;
            LOG.log(level, description + " failed before retry " + retry + "; retrying all the same", broken);
        }
    }

    @Override
    public String toString() {
        return "RetryPreparation[" + description + "]";
    }

    private record Upcoming(int number, Throwable failure, Object result, Method method, Duration delay)
            implements UpcomingRetry {
    }
}
