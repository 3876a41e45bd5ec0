package org.resilientcircuit.example;

import java.util.List;
import java.util.concurrent.Callable;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Calls one guarded method: {@code POST /api/calls/payment.charge}. The answer tells what the caller
 * saw: {@code ok} (200, with {@code fallback} naming the fallback if one answered), {@code failed}
 * (502), {@code rejected} by an open breaker (503) or {@code timeout} (504), and how often the
 * method's body has run on this instance so far.
 */
@Path("calls")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {

    /** The guarded methods, as named in the URL and in {@code /api/instance/counters}. */
    static final List<String> METHODS = List.of("payment.charge", "payment.refund", "inventory.checkStock",
            "inventory.reserve", "orders.place", "orders.cancel");

    @Inject
    PaymentGateway payment;

    @Inject
    InventoryService inventory;

    @EJB
    OrderService orders;

    @Inject
    Invocations invocations;

    @Inject
    CallTrace trace;

    @GET
    public JsonObject methods() {
        return Json.createObjectBuilder().add("methods", Json.createArrayBuilder(METHODS)).build();
    }

    @POST
    @Path("{method}")
    public Response call(@PathParam("method") String method,
            @QueryParam("sku") @DefaultValue("sku-1") String sku,
            @QueryParam("quantity") @DefaultValue("1") int quantity,
            @QueryParam("cents") @DefaultValue("1999") long cents,
            @QueryParam("orderId") @DefaultValue("order-1") String orderId) {
        Callable<Object> call = switch (method) {
            case "payment.charge" -> () -> payment.charge(orderId, cents);
            case "payment.refund" -> () -> payment.refund(orderId);
            case "inventory.checkStock" -> () -> inventory.checkStock(sku);
            case "inventory.reserve" -> () -> inventory.reserve(sku, quantity);
            case "orders.place" -> () -> orders.placeOrder(sku, quantity, cents);
            case "orders.cancel" -> () -> orders.cancelOrder(orderId);
            default -> throw new NotFoundException("no guarded method " + method + "; known: " + METHODS);
        };
        long start = System.nanoTime();
        JsonObjectBuilder json = Json.createObjectBuilder().add("method", method);
        Response.Status status;
        try {
            Object result = call.call();
            status = Response.Status.OK;
            json.add("outcome", "ok").add("result", String.valueOf(result));
            JsonValues.put(json, "fallback", trace.fallback());
        } catch (Exception failure) {
            Throwable cause = classify(failure);
            String outcome;
            if (cause instanceof CircuitBreakerOpenException || cause instanceof BulkheadException) {
                outcome = "rejected";
                status = Response.Status.SERVICE_UNAVAILABLE;
            } else if (cause instanceof TimeoutException) {
                outcome = "timeout";
                status = Response.Status.GATEWAY_TIMEOUT;
            } else {
                outcome = "failed";
                status = Response.Status.BAD_GATEWAY;
            }
            json.add("outcome", outcome).add("error", cause.getClass().getName() + ": " + cause.getMessage());
        }
        json.add("invocations", invocations.get(method))
                .add("elapsedMillis", (System.nanoTime() - start) / 1_000_000);
        return Response.status(status).entity(json.build()).build();
    }

    /** The exception that tells what happened, beneath the EJB container's wrappers. */
    private static Throwable classify(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++, current = current.getCause()) {
            if (current instanceof CircuitBreakerOpenException || current instanceof BulkheadException
                    || current instanceof TimeoutException || current instanceof DownstreamException) {
                return current;
            }
        }
        return failure;
    }
}
