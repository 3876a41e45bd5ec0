package org.resilientcircuit.example;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** Calls the asynchronous methods of {@link ThreadReports} from an EJB, so that the caller's context is an EJB's. */
@Stateless
public class ThreadCaller {

    @Inject
    ThreadReports reports;

    public CompletionStage<ThreadReports.CallerReport> caller() {
        return reports.caller();
    }

    public CompletionStage<ThreadReports.Report> lookup(int failures) {
        return failures == 0 ? reports.lookup() : reports.lookupAfterFailures(failures, new AtomicInteger());
    }
}
