package org.resilientcircuit.example;

import java.security.Principal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.concurrent.ManageableThread;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Asynchronous methods that tell where they ran: the thread's name, whether the container manages
 * it, and what a {@code java:comp/env} lookup of the WAR's env-entry gave (its value, or the
 * exception), or which caller principal it saw. The caller's naming context and identity must reach
 * the thread, whoever the caller was.
 */
@ApplicationScoped
public class ThreadReports {

    static final String ENV_ENTRY = "java:comp/env/example/greeting";

    /** What one execution saw. */
    public record Report(String thread, boolean managed, String lookup, String error, int attempt) {
    }

    /** Who an execution ran for: the principal it saw, on which thread. */
    public record CallerReport(String thread, boolean managed, String principal) {
    }

    @Inject
    SecurityContext security;

    /** The caller principal this execution sees: the authenticated caller's must reach its thread. */
    @Asynchronous
    @Timeout(5000)
    public CompletionStage<CallerReport> caller() {
        Thread thread = Thread.currentThread();
        Principal principal = security.getCallerPrincipal();
        return CompletableFuture.completedFuture(new CallerReport(thread.getName(), thread instanceof ManageableThread,
                principal == null ? null : principal.getName()));
    }

    @Asynchronous
    @Timeout(5000)
    public CompletionStage<Report> lookup() {
        return CompletableFuture.completedFuture(report(1));
    }

    /**
     * The same after {@code failures} failed attempts: the retry starts later, from the library's
     * timer, and must still carry the caller's context.
     */
    @Asynchronous
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 50, jitter = 0)
    public CompletionStage<Report> lookupAfterFailures(int failures, AtomicInteger attempts) {
        int attempt = attempts.incrementAndGet();
        if (attempt <= failures) {
            throw new IllegalStateException("attempt " + attempt + " fails on purpose");
        }
        return CompletableFuture.completedFuture(report(attempt));
    }

    /**
     * Arrives at {@code meeting} and waits up to 5 s for the others: all arrive only if the server
     * runs that many asynchronous executions at once (a bulkhead, not the thread pool, bounds them).
     */
    @Asynchronous
    @Timeout(10000)
    public CompletionStage<Boolean> meet(CountDownLatch meeting) throws InterruptedException {
        meeting.countDown();
        return CompletableFuture.completedFuture(meeting.await(5, TimeUnit.SECONDS));
    }

    private static Report report(int attempt) {
        Thread thread = Thread.currentThread();
        boolean managed = thread instanceof ManageableThread;
        try {
            Object value = new InitialContext().lookup(ENV_ENTRY);
            return new Report(thread.getName(), managed, String.valueOf(value), null, attempt);
        } catch (NamingException | RuntimeException failed) {
            return new Report(thread.getName(), managed, null, failed.toString(), attempt);
        }
    }
}
