package org.resilientcircuit.example;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManageableThread;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/threads/async-lookup?via=ejb|resource&failures=0..2}: runs an {@code @Asynchronous}
 * method, called by an EJB or by this resource, and answers on which thread it ran and what its
 * {@code java:comp/env} lookup gave. With {@code failures}, that many attempts fail first and
 * {@code @Retry} runs it again.
 */
@Path("threads")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ThreadResource {

    @Inject
    ThreadReports reports;

    @EJB
    ThreadCaller ejb;

    @GET
    @Path("async-lookup")
    public JsonObject asyncLookup(@QueryParam("via") @DefaultValue("resource") String via,
            @QueryParam("failures") @DefaultValue("0") int failures) throws Exception {
        CompletionStage<ThreadReports.Report> stage = switch (via) {
            case "ejb" -> ejb.lookup(failures);
            case "resource" -> failures == 0 ? reports.lookup() : reports.lookupAfterFailures(failures, new AtomicInteger());
            default -> throw new BadRequestException("via must be ejb or resource, was '" + via + "'");
        };
        ThreadReports.Report report = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("via", via)
                .add("thread", report.thread())
                .add("managed", report.managed())
                .add("attempt", report.attempt());
        JsonValues.put(json, "lookup", report.lookup());
        JsonValues.put(json, "error", report.error());
        return json.build();
    }

    /**
     * {@code GET /api/threads/caller?via=ejb|resource} (authenticated, see web.xml): the caller
     * principal an {@code @Asynchronous} method saw, called by an EJB or by this resource.
     */
    @GET
    @Path("caller")
    public JsonObject caller(@QueryParam("via") @DefaultValue("resource") String via, @Context SecurityContext request)
            throws Exception {
        CompletionStage<ThreadReports.CallerReport> stage = switch (via) {
            case "ejb" -> ejb.caller();
            case "resource" -> reports.caller();
            default -> throw new BadRequestException("via must be ejb or resource, was '" + via + "'");
        };
        ThreadReports.CallerReport report = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("via", via)
                .add("requestPrincipal", request.getUserPrincipal().getName())
                .add("thread", report.thread())
                .add("managed", report.managed());
        JsonValues.put(json, "principal", report.principal());
        return json.build();
    }

    /** {@code GET /api/threads/together?n=8}: whether {@code n} asynchronous executions ran at once. */
    @GET
    @Path("together")
    public JsonObject together(@QueryParam("n") @DefaultValue("8") int n) throws Exception {
        if (n < 1 || n > 50) {
            throw new BadRequestException("n must be from 1 to 50, was " + n);
        }
        CountDownLatch meeting = new CountDownLatch(n);
        List<CompletableFuture<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(reports.meet(meeting).toCompletableFuture());
        }
        long met = 0;
        for (CompletableFuture<Boolean> call : calls) {
            met += call.get(20, TimeUnit.SECONDS) ? 1 : 0;
        }
        return Json.createObjectBuilder().add("executions", n).add("met", met).build();
    }

    /** {@code GET /api/threads/library}: the live threads named {@code resilient-circuit-*}, and whether the server manages each. */
    @GET
    @Path("library")
    public JsonObject libraryThreads() {
        JsonObjectBuilder threads = Json.createObjectBuilder();
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("resilient-circuit"))
                .sorted(Comparator.comparing(Thread::getName))
                .forEach(thread -> threads.add(thread.getName(), thread instanceof ManageableThread));
        return Json.createObjectBuilder().add("threads", threads).build();
    }
}
