package org.resilientcircuit.example;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The simulated downstream services of this instance:
 * {@code PUT /api/downstreams/payment?failureRate=1&latencyMillis=0}.
 */
@Path("downstreams")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DownstreamResource {

    @Inject
    Downstreams downstreams;

    @GET
    public JsonObject all() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        downstreams.all().forEach(d -> list.add(json(d)));
        return Json.createObjectBuilder().add("downstreams", list).build();
    }

    @PUT
    @Path("{name}")
    public JsonObject configure(@PathParam("name") String name, @QueryParam("failureRate") Double failureRate,
            @QueryParam("latencyMillis") Long latencyMillis) {
        Downstream downstream = downstreams.byName(name)
                .orElseThrow(() -> new NotFoundException("no downstream " + name + "; known: payment, inventory"));
        try {
            downstream.configure(failureRate, latencyMillis);
        } catch (IllegalArgumentException invalid) {
            throw new BadRequestException(invalid.getMessage());
        }
        return json(downstream);
    }

    static JsonObject json(Downstream d) {
        return Json.createObjectBuilder()
                .add("name", d.name())
                .add("failureRate", d.failureRate())
                .add("latencyMillis", d.latencyMillis())
                .add("calls", d.calls())
                .add("failures", d.failures())
                .build();
    }
}
