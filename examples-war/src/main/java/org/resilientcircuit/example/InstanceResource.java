package org.resilientcircuit.example;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * This instance ({@code GET /api/instance}), its counters ({@code GET /api/instance/counters}) and
 * {@code POST /api/instance/reset}: downstreams healthy, counters at zero.
 */
@Path("instance")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InstanceResource {

    @Inject
    InstanceInfo instance;

    @Inject
    BreakerTable table;

    @Inject
    Downstreams downstreams;

    @Inject
    Invocations invocations;

    @Inject
    TransactionOutcomes transactions;

    @Context
    UriInfo uri;

    @GET
    public JsonObject instance() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("application", "resilient-circuit-example")
                .add("instance", instance.name())
                .add("namespace", table.namespace())
                .add("store", table.dataSourceName().isPresent() ? "postgres" : "memory")
                .add("baseUri", uri.getBaseUri().toString());
        JsonValues.put(json, "dataSource", table.dataSourceName().orElse(null));
        JsonValues.put(json, "started", instance.started());
        return json.build();
    }

    /** Downstreams healthy again, every counter of this instance at zero (breakers are left alone). */
    @POST
    @Path("reset")
    public JsonObject reset() {
        downstreams.reset();
        invocations.reset();
        transactions.reset();
        return counters();
    }

    @GET
    @Path("counters")
    public JsonObject counters() {
        JsonObjectBuilder calls = Json.createObjectBuilder();
        downstreams.all().forEach(d -> calls.add(d.name(), Json.createObjectBuilder()
                .add("calls", d.calls()).add("failures", d.failures())));
        return Json.createObjectBuilder()
                .add("instance", instance.name())
                .add("invocations", JsonValues.counts(invocations.snapshot()))
                .add("transactions", JsonValues.counts(transactions.snapshot()))
                .add("downstreams", calls)
                .build();
    }
}
