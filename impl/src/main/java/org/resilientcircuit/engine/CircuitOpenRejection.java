package org.resilientcircuit.engine;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The {@link CircuitBreakerOpenException} a breaker throws to reject a call. Filling in the stack
 * trace is most of what a rejection costs (microseconds under an interceptor stack), and while a
 * dependency is down rejections are the common case. The trace of a rejection only says where the
 * caller was, and the message names the breaker, so by default it is left out;
 * {@code rc.rejection.stacktrace=true} puts it back.
 */
final class CircuitOpenRejection extends CircuitBreakerOpenException {

    private static final long serialVersionUID = 1L;

    CircuitOpenRejection(String message, boolean withStackTrace) {
        super(message);
        if (withStackTrace) {
            super.fillInStackTrace();
        }
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Throwable's constructor calls this; the constructor above fills in only when asked
        return this;
    }
}
