package org.resilientcircuit.example;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ejb.EJB;
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
import jakarta.ws.rs.core.MediaType;

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
}
