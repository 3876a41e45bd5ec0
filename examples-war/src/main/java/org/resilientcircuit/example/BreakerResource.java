package org.resilientcircuit.example;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.resilientcircuit.api.BreakerStatus;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.spi.StoreStatus;

/**
 * Every breaker twice: as this instance sees it (the maintenance API, {@link CircuitBreakers}) and as
 * the database holds it (a plain {@code SELECT}, {@link BreakerTable}); and the maintenance actions.
 * The status page polls {@code GET /api/breakers}.
 */
@Path("breakers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BreakerResource {

    /** The methods guarded by each breaker of this application, for the status page. */
    static final Map<String, List<String>> USED_BY = Map.of(
            PaymentGateway.BREAKER, List.of("PaymentGateway.charge", "PaymentGateway.refund"),
            OrderService.BREAKER, List.of("OrderService.placeOrder (EJB)"),
            "org.resilientcircuit.example.InventoryService#reserve(java.lang.String,int)",
            List.of("InventoryService.reserve"));

    @Inject
    CircuitBreakers breakers;

    @Inject
    BreakerTable table;

    @Inject
    BreakerHistory history;

    @Inject
    InstanceInfo instance;

    @GET
    public JsonObject all() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("instance", instance.name())
                .add("namespace", table.namespace())
                .add("store", table.dataSourceName().isPresent() ? "postgres" : "memory")
                .add("serverTime", Instant.now().toString());
        JsonValues.put(json, "dataSource", table.dataSourceName().orElse(null));
        StoreStatus store = breakers.store();
        json.add("storeStatus", Json.createObjectBuilder()
                .add("description", store.description())
                .add("degraded", store.degraded())
                .add("problem", store.problem()));

        Map<String, BreakerStatus> local = new TreeMap<>();
        breakers.all().forEach(status -> local.put(status.key(), status));
        Map<String, BreakerTable.Row> rows = new TreeMap<>();
        try {
            table.rows().forEach(row -> rows.put(row.key(), row));
            json.addNull("databaseError");
        } catch (SQLException | RuntimeException unreachable) {
            json.add("databaseError", unreachable.getClass().getSimpleName() + ": " + unreachable.getMessage());
        }

        JsonArrayBuilder list = Json.createArrayBuilder();
        TreeSet<String> keys = new TreeSet<>(local.keySet());
        keys.addAll(rows.keySet());
        for (String key : keys) {
            JsonObjectBuilder breaker = Json.createObjectBuilder()
                    .add("key", key)
                    .add("usedBy", Json.createArrayBuilder(USED_BY.getOrDefault(key, List.of())));
            BreakerStatus status = local.get(key);
            if (status == null) {
                breaker.addNull("instance");
            } else {
                breaker.add("instance", json(status));
            }
            BreakerTable.Row row = rows.get(key);
            if (row == null) {
                breaker.addNull("database");
            } else {
                breaker.add("database", json(row));
            }
            list.add(breaker);
        }
        json.add("breakers", list);

        JsonArrayBuilder events = Json.createArrayBuilder();
        history.latest().forEach(change -> {
            JsonObjectBuilder event = Json.createObjectBuilder()
                    .add("at", change.at().toString())
                    .add("key", change.event().key())
                    .add("from", change.event().from().name())
                    .add("to", change.event().to().name())
                    .add("version", change.event().version())
                    .add("changedBy", change.event().changedBy())
                    .add("local", change.event().local());
            JsonValues.millis(event, "remainingMillis", change.event().remaining());
            events.add(event);
        });
        return json.add("events", events).build();
    }

    /** Only the rows of {@code rc_circuit_breakers} in this application's namespace. */
    @GET
    @Path("db")
    public JsonObject database() throws SQLException {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (BreakerTable.Row row : table.rows()) {
            list.add(json(row));
        }
        return Json.createObjectBuilder()
                .add("namespace", table.namespace())
                .add("rows", list)
                .build();
    }

    @GET
    @Path("{key}")
    public JsonObject one(@PathParam("key") String key) {
        return breakers.status(key).map(BreakerResource::json)
                .orElseThrow(() -> new NotFoundException("no breaker " + key));
    }

    /** Closes the breaker for the whole fleet. */
    @POST
    @Path("{key}/reset")
    public JsonObject reset(@PathParam("key") String key) {
        try {
            return json(breakers.reset(key));
        } catch (IllegalArgumentException unknown) {
            throw new NotFoundException(unknown.getMessage());
        }
    }

    /** Holds the breaker open for the whole fleet: {@code POST /api/breakers/payment-gateway/open?seconds=60}. */
    @POST
    @Path("{key}/open")
    public JsonObject open(@PathParam("key") String key, @QueryParam("seconds") Long seconds) {
        Duration duration = Duration.ofSeconds(Optional.ofNullable(seconds).orElse(60L));
        if (duration.isNegative()) {
            throw new BadRequestException("seconds must not be negative");
        }
        try {
            return json(breakers.open(key, duration));
        } catch (IllegalArgumentException unknown) {
            throw new NotFoundException(unknown.getMessage());
        }
    }

    static JsonObject json(BreakerStatus status) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("key", status.key())
                .add("phase", status.phase().name())
                .add("version", status.version());
        JsonValues.put(json, "changedBy", status.changedBy());
        JsonValues.millis(json, "remainingMillis", status.remaining());
        return json.add("failureCount", status.failureCount())
                .add("recentCalls", status.recentCalls())
                .add("recentFailures", status.recentFailures())
                .build();
    }

    static JsonObject json(BreakerTable.Row row) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("key", row.key())
                .add("state", row.state())
                .add("failureCount", row.failureCount())
                .add("version", row.version());
        JsonValues.put(json, "changedBy", row.changedBy());
        JsonValues.put(json, "openUntil", row.openUntil());
        JsonValues.put(json, "leaseUntil", row.leaseUntil());
        JsonValues.put(json, "updatedAt", row.updatedAt());
        return json.add("openRemainingMillis", row.openRemainingMillis()).build();
    }
}
