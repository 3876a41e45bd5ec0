package org.resilientcircuit.engine;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers to carry a business method's throwable through the chain unchanged. */
public final class Failures {

    private Failures() {
    }

    /** The throwable a stage really failed with, without the wrappers CompletableFuture adds. */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Rethrows {@code failure} as it is. Errors are thrown here; exceptions are returned for the
     * caller to throw, so that a step's signature stays {@code throws Exception}.
     */
    public static Exception rethrow(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof Exception exception) {
            return exception;
        }
        // The specification leaves custom throwables non-portable; keep them visible as the cause.
        return new IllegalStateException("guarded method threw a Throwable that is neither Error nor Exception", failure);
    }
}
