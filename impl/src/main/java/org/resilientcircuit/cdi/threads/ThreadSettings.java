package org.resilientcircuit.cdi.threads;

import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/**
 * Which of the container's executors the library uses, by JNDI name; unset means the Jakarta
 * Concurrency defaults when the server has them, else the library's own threads.
 */
public record ThreadSettings(Optional<String> executor, Optional<String> scheduledExecutor,
        Optional<String> threadFactory) {

    public static final String EXECUTOR_KEY = "rc.executor";
    public static final String SCHEDULED_EXECUTOR_KEY = "rc.scheduled-executor";
    public static final String THREAD_FACTORY_KEY = "rc.thread-factory";

    /** Reads the three keys; a blank value counts as unset. */
    public static ThreadSettings read(Config config) {
        return new ThreadSettings(name(config, EXECUTOR_KEY), name(config, SCHEDULED_EXECUTOR_KEY),
                name(config, THREAD_FACTORY_KEY));
    }

    /** The first of the keys that is set, if any, as {@code key=value}. */
    Optional<String> anySet() {
        if (executor.isPresent()) {
            return Optional.of(EXECUTOR_KEY + "=" + executor.get());
        }
        if (scheduledExecutor.isPresent()) {
            return Optional.of(SCHEDULED_EXECUTOR_KEY + "=" + scheduledExecutor.get());
        }
        return threadFactory.map(name -> THREAD_FACTORY_KEY + "=" + name);
    }

    private static Optional<String> name(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(name -> !name.isEmpty());
    }
}
