package org.resilientcircuit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The example application on two Payara Micro instances sharing one PostgreSQL database (a scratch
 * namespace of this run): the annotations are acted on once, the fleet shares its breakers, an EJB's
 * rolled-back transaction still counts, a restarted instance comes back with the fleet's state, and
 * the status page shows it all. The two instances serve every test; each test starts from healthy
 * downstreams, zeroed counters and closed breakers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetOnPayaraIT {

    private static final Duration BOOT = Duration.ofSeconds(240);
    private static final Duration PROPAGATION = Duration.ofSeconds(10);
    private static final String PAYMENT_BREAKER = "payment-gateway";
    private static final String ORDER_BREAKER = "order-placement";
    private static final String RESERVE_BREAKER = "org.resilientcircuit.example.InventoryService#reserve(java.lang.String,int)";
    private static final List<String> BREAKERS = List.of(PAYMENT_BREAKER, ORDER_BREAKER, RESERVE_BREAKER);

    private static String namespace;
    private static PayaraMicro serverA;
    private static PayaraMicro serverB;
    private static ExampleClient a;
    private static ExampleClient b;

    @BeforeAll
    static void startFleet() throws Exception {
        namespace = ExampleSettings.scratchNamespace("fleet");
        try {
            serverA = start("instance-a");
            serverB = start("instance-b");
            serverA.awaitDeployed(BOOT);
            serverB.awaitDeployed(BOOT);
        } catch (Throwable failed) {
            stopFleet();
            throw failed;
        }
        a = new ExampleClient(serverA);
        b = new ExampleClient(serverB);
        for (ExampleClient instance : List.of(a, b)) {
            ExampleClient.await(instance.name() + " to share its breakers through the database", PROPAGATION,
                    () -> instance.get("breakers").getJsonObject("storeStatus"), store -> !store.getBoolean("degraded"));
        }
    }

    private static PayaraMicro start(String name) throws Exception {
        return PayaraMicro.start(name, ExampleSettings.work(), ExampleSettings.postBootCommands(), Map.of(
                "rc.namespace", namespace,
                // per instance, as MicroProfile Config allows: a charge may take 5 s (the probe test's gateway is slow)
                "org.resilientcircuit.example.PaymentGateway/charge/Timeout/value", "5000"));
    }

    @AfterAll
    static void stopFleet() {
        try {
            if (serverA != null) {
                serverA.close();
            }
        } finally {
            try {
                if (serverB != null) {
                    serverB.close();
                }
            } finally {
                if (namespace != null) {
                    ExampleSettings.dropNamespace(namespace);
                }
            }
        }
    }

    @BeforeEach
    void healthyAndClosed() {
        a.resetInstance();
        b.resetInstance();
        for (String key : BREAKERS) {
            a.resetBreaker(key);
        }
        for (ExampleClient instance : List.of(a, b)) {
            for (String key : BREAKERS) {
                awaitPhase(instance, key, "CLOSED");
            }
        }
    }

    @Test
    @Order(1)
    void retryIsActedOnOnceSoAFailingMethodRunsMaxRetriesPlusOneTimes() {
        a.downstream("inventory", 1.0, 0);

        ExampleClient.Call call = a.call("inventory.checkStock");

        assertEquals("failed", call.outcome(), call.toString());
        // @Retry(maxRetries = 3): 1 + 3 attempts. With Payara's own implementation acting too, more.
        assertEquals(4, call.invocations(), "invocations of checkStock: " + call);
        assertEquals(4, a.invocations("inventory.checkStock"));
        assertEquals(4, a.counters().getJsonObject("downstreams").getJsonObject("inventory").getInt("calls"));
        assertTrue(serverA.logText().contains("Payara's Fault Tolerance (interceptor"
                + " fish.payara.microprofile.faulttolerance.cdi.FaultToleranceInterceptor) is switched off for it"),
                "instance-a's log says Payara's fault tolerance is off");
    }

    @Test
    @Order(2)
    void theFleetSharesOneBreakerAndExactlyOneInstanceProbes() {
        // failures driven through instance A open the breaker
        a.downstream("payment", 1.0, 0);
        for (int i = 1; i <= 4; i++) {
            ExampleClient.Call call = a.call("payment.charge");
            assertEquals("failed", call.outcome(), "call " + i + ": " + call);
        }
        assertEquals(4, a.invocations("payment.charge"));
        assertEquals("OPEN", a.phase(PAYMENT_BREAKER));
        JsonObject row = ExampleClient.await("the payment breaker's row to be OPEN", PROPAGATION,
                () -> a.row(PAYMENT_BREAKER).orElseThrow(), r -> r.getString("state").equals("OPEN"));
        assertEquals("instance-a", row.getString("changedBy"), row.toString());

        // instance B learns of it and rejects without reaching the gateway, for both methods of the key
        awaitPhase(b, PAYMENT_BREAKER, "OPEN");
        ExampleClient.Call charge = b.call("payment.charge");
        ExampleClient.Call refund = b.call("payment.refund");
        assertEquals("rejected", charge.outcome(), charge.toString());
        assertEquals("rejected", refund.outcome(), refund.toString());
        assertEquals(0, b.invocations("payment.charge"));
        assertEquals(0, b.invocations("payment.refund"));
        assertEquals(0, b.counters().getJsonObject("downstreams").getJsonObject("payment").getInt("calls"));

        // after the delay (5 s by the database clock) exactly one of the two instances probes: the gateway
        // is healthy but slow, so the probe is still running when the other calls arrive
        a.downstream("payment", 0.0, 2500);
        b.downstream("payment", 0.0, 2500);
        ExampleClient.await("the open delay to pass by the database clock", Duration.ofSeconds(15),
                () -> a.row(PAYMENT_BREAKER).orElseThrow(), r -> r.getJsonNumber("openRemainingMillis").longValue() == 0);
        PayaraMicro.sleep(300);
        List<CompletableFuture<ExampleClient.Call>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(a.callAsync("payment.charge"));
            calls.add(b.callAsync("payment.charge"));
        }
        List<ExampleClient.Call> answers = calls.stream().map(CompletableFuture::join).toList();
        long ok = answers.stream().filter(c -> c.outcome().equals("ok")).count();
        long rejected = answers.stream().filter(c -> c.outcome().equals("rejected")).count();
        assertEquals(1, ok, "exactly one probe: " + answers);
        assertEquals(5, rejected, "the others rejected: " + answers);
        assertEquals(1, a.invocations("payment.charge") - 4 + b.invocations("payment.charge"),
                "one call reached the gateway, on one instance");

        // the probe's success closes the breaker for both
        awaitPhase(a, PAYMENT_BREAKER, "CLOSED");
        awaitPhase(b, PAYMENT_BREAKER, "CLOSED");
        assertEquals("CLOSED", a.row(PAYMENT_BREAKER).orElseThrow().getString("state"));
        b.downstream("payment", 0.0, 0);
        long before = b.invocations("payment.refund");
        ExampleClient.Call after = b.call("payment.refund");
        assertEquals("ok", after.outcome(), after.toString());
        assertEquals(before + 1, b.invocations("payment.refund"));
    }

    @Test
    @Order(3)
    void anEjbWhoseTransactionRollsBackStillCountsItsFailureAndItsBreakerOpens() {
        a.downstream("payment", 1.0, 0);
        for (int i = 1; i <= 4; i++) {
            ExampleClient.Call call = a.call("orders.place");
            assertEquals("failed", call.outcome(), "order " + i + ": " + call);
        }
        JsonObject transactions = a.counters().getJsonObject("transactions");
        assertEquals(4, transactions.getInt("orders.place.rolledBack", 0), transactions.toString());
        assertEquals(0, transactions.getInt("orders.place.committed", 0), transactions.toString());

        // the breaker opened, in this instance and in the database, although every transaction rolled back
        assertEquals("OPEN", a.phase(ORDER_BREAKER));
        JsonObject row = ExampleClient.await("the order breaker's row to be OPEN", PROPAGATION,
                () -> a.row(ORDER_BREAKER).orElseThrow(), r -> r.getString("state").equals("OPEN"));
        assertTrue(row.getInt("failureCount") >= 2, row.toString());
        assertEquals("instance-a", row.getString("changedBy"), row.toString());
        awaitPhase(b, ORDER_BREAKER, "OPEN");

        // and it rejects: the EJB's body does not run again
        ExampleClient.Call rejected = a.call("orders.place");
        assertEquals("rejected", rejected.outcome(), rejected.toString());
        assertEquals(4, a.invocations("orders.place"));
        ExampleClient.Call rejectedOnB = b.call("orders.place");
        assertEquals("rejected", rejectedOnB.outcome(), rejectedOnB.toString());
        assertEquals(0, b.invocations("orders.place"));
    }

    @Test
    @Order(4)
    void aRestartedInstanceComesBackWithTheOpenBreaker() throws Exception {
        a.openBreaker(PAYMENT_BREAKER, 600);
        awaitPhase(b, PAYMENT_BREAKER, "OPEN");

        serverB.close();
        serverB = start("instance-b");
        serverB.awaitDeployed(BOOT);
        b = new ExampleClient(serverB);

        JsonObject status = b.breaker(PAYMENT_BREAKER);
        assertEquals("OPEN", status.getString("phase"), status.toString());
        assertEquals("instance-a", status.getString("changedBy"), status.toString());
        assertTrue(status.getJsonNumber("remainingMillis").longValue() > 0, status.toString());
        ExampleClient.Call call = b.call("payment.charge");
        assertEquals("rejected", call.outcome(), call.toString());
        assertEquals(0, b.invocations("payment.charge"));
    }

    @Test
    @Order(5)
    void theStatusPageOfEachInstanceShowsTheOpenBreakers() throws Exception {
        // one breaker opened by failures through A, another held open by an operator on B
        a.downstream("payment", 1.0, 0);
        for (int i = 0; i < 4; i++) {
            a.call("payment.charge");
        }
        b.openBreaker(ORDER_BREAKER, 300);
        for (ExampleClient instance : List.of(a, b)) {
            awaitPhase(instance, PAYMENT_BREAKER, "OPEN");
            awaitPhase(instance, ORDER_BREAKER, "OPEN");
        }

        Chromium chromium = Chromium.find(ExampleSettings.work().resolve("chromium"));
        for (PayaraMicro server : List.of(serverA, serverB)) {
            Path png = ExampleSettings.screenshots().resolve(server.name() + "-status.png");
            chromium.screenshot(server.baseUrl(), png);

            String dom = chromium.dumpDom(server.baseUrl());
            assertTrue(dom.contains("data-loaded=\"true\""), "the page's script ran on " + server.name() + ":\n" + dom);
            assertEquals(server.name(), text(element(dom, "dd", "id", "instance-name")), server.name());

            String payment = element(dom, "tr", "data-key", PAYMENT_BREAKER);
            assertEquals("OPEN", text(cell(payment, "state-instance")), "this instance's view on " + server.name());
            assertEquals("OPEN", text(cell(payment, "state-db")), "the database's row, shown by " + server.name());
            assertEquals("instance-a", text(cell(payment, "changed-by")), payment);
            assertEquals("4", text(cell(payment, "failures")), payment);

            String order = element(dom, "tr", "data-key", ORDER_BREAKER);
            assertEquals("OPEN", text(cell(order, "state-instance")), order);
            assertEquals("OPEN", text(cell(order, "state-db")), order);
            assertEquals("instance-b", text(cell(order, "changed-by")), order);
            Matcher halfOpenIn = Pattern.compile("(\\d+\\.\\d) s").matcher(text(cell(order, "half-open-in")));
            assertTrue(halfOpenIn.matches() && Double.parseDouble(halfOpenIn.group(1)) > 200,
                    "time to half-open counts down from 300 s: " + order);
        }
    }

    /** Payara's own /health endpoint carries our readiness and liveness checks. */
    @Test
    @Order(6)
    void theServersHealthEndpointReportsTheStoreAndTheOpenBreakers() {
        b.openBreaker(ORDER_BREAKER, 300);
        awaitPhase(a, ORDER_BREAKER, "OPEN");

        ExampleClient.Health ready = a.health("health/ready");
        assertEquals(200, ready.status(), ready.toString());
        JsonObject store = ready.check("resilient-circuit-store");
        assertEquals("UP", store.getString("status"), store.toString());
        // Payara renders a check's data values as JSON strings or as booleans, depending on its version
        assertEquals("false", store.getJsonObject("data").get("degraded").toString().replace("\"", ""), store.toString());
        assertTrue(store.getJsonObject("data").getString("store").contains("PostgreSQL"), store.toString());

        ExampleClient.Health live = a.health("health/live");
        assertEquals(200, live.status(), live.toString());
        JsonObject breakers = live.check("resilient-circuit-breakers");
        assertEquals("UP", breakers.getString("status"), "an open breaker is not a dead instance: " + breakers);
        assertTrue(breakers.getJsonObject("data").getString("openKeys").contains(ORDER_BREAKER), breakers.toString());

        ExampleClient.Health all = a.health("health");
        assertEquals(200, all.status(), all.toString());
        all.check("resilient-circuit-store");
        all.check("resilient-circuit-breakers");
    }

    private static void awaitPhase(ExampleClient instance, String key, String phase) {
        ExampleClient.await(instance.name() + " to see " + key + " " + phase, PROPAGATION,
                () -> instance.breaker(key), status -> status.getString("phase").equals(phase));
    }

    /** The content of the first {@code <tag ... attribute="value" ...>} of the DOM (no nesting of the same tag). */
    private static String element(String dom, String tag, String attribute, String value) {
        return element(dom, tag, attribute + "=\"" + Pattern.quote(value) + "\"");
    }

    /** The content of the first {@code <td>} of the row whose class list has {@code cssClass}. */
    private static String cell(String row, String cssClass) {
        return element(row, "td", "class=\"(?:[^\"]*\\s)?" + Pattern.quote(cssClass) + "(?:\\s[^\"]*)?\"");
    }

    private static String element(String dom, String tag, String attributeRegex) {
        Matcher matcher = Pattern.compile("<" + tag + "\\b[^>]*\\s" + attributeRegex + "[^>]*>(.*?)</" + tag + ">",
                Pattern.DOTALL).matcher(dom);
        if (!matcher.find()) {
            throw new AssertionError("no <" + tag + " " + attributeRegex + "> on the page:\n" + dom);
        }
        return matcher.group(1);
    }

    private static String text(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&nbsp;", " ").strip();
    }
}
