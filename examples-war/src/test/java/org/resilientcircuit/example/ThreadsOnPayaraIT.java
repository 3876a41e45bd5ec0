package org.resilientcircuit.example;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * Asynchronous executions on Payara Micro run on the server's managed threads with the caller's
 * context: an {@code @Asynchronous @Timeout} method looks up the WAR's {@code java:comp/env} entry
 * and finds it, on a {@code ManageableThread}, whether the first caller was an EJB (instance
 * {@code ejb-first}) or a JAX-RS resource ({@code resource-first}), and so does a retried attempt,
 * which starts later from a timer. An authenticated caller's principal reaches the asynchronous
 * method's thread, each caller's own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreadsOnPayaraIT {

    private static final Duration BOOT = Duration.ofSeconds(240);
    private static final String GREETING = "hello from java:comp/env";

    private static String namespace;
    private static PayaraMicro ejbFirst;
    private static PayaraMicro resourceFirst;

    @BeforeAll
    static void start() throws Exception {
        namespace = ExampleSettings.scratchNamespace("threads");
        try {
            ejbFirst = PayaraMicro.start("ejb-first", ExampleSettings.work(), ExampleSettings.postBootCommands(),
                    Map.of("rc.namespace", namespace));
            resourceFirst = PayaraMicro.start("resource-first", ExampleSettings.work(),
                    ExampleSettings.postBootCommands(), Map.of("rc.namespace", namespace));
            ejbFirst.awaitDeployed(BOOT);
            resourceFirst.awaitDeployed(BOOT);
        } catch (Throwable failed) {
            stop();
            throw failed;
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (ejbFirst != null) {
                ejbFirst.close();
            }
        } finally {
            try {
                if (resourceFirst != null) {
                    resourceFirst.close();
                }
            } finally {
                ExampleSettings.dropNamespace(namespace);
            }
        }
    }

    @Test
    @Order(1)
    void anEjbFirstThenAResource() {
        assertLookups(ejbFirst.name(), List.of(lookup(ejbFirst, "ejb", 0), lookup(ejbFirst, "resource", 0)));
    }

    @Test
    @Order(1)
    void aResourceFirstThenAnEjb() {
        assertLookups(resourceFirst.name(), List.of(lookup(resourceFirst, "resource", 0), lookup(resourceFirst, "ejb", 0)));
    }

    /**
     * alice and bob take turns on the same pooled threads: each execution sees its own caller, never
     * the one whose call happened to create the thread, nor nobody.
     */
    @Test
    @Order(2)
    void theAuthenticatedCallersPrincipalReachesTheAsynchronousMethod() {
        List<Executable> checks = new ArrayList<>();
        for (PayaraMicro server : List.of(ejbFirst, resourceFirst)) {
            ExampleClient client = new ExampleClient(server);
            for (int round = 0; round < 3; round++) {
                for (String via : List.of("ejb", "resource")) {
                    for (String user : List.of("alice", "bob")) {
                        ExampleClient.Answer answer = client.getAs("threads/caller?via=" + via, user, user + "-example");
                        System.out.println(server.name() + " " + user + " via=" + via + ": " + answer);
                        checks.add(() -> assertEquals(200, answer.status(), user + " via " + via + ": " + answer));
                        if (answer.status() == 200) {
                            JsonObject json = answer.json();
                            checks.add(() -> assertEquals(user, json.isNull("principal") ? null : json.getString("principal"),
                                    "the principal " + user + "'s execution saw on " + server.name() + ": " + json));
                            checks.add(() -> assertTrue(json.getBoolean("managed"), "a managed thread: " + json));
                        }
                    }
                }
            }
        }
        assertAll(checks);
    }

    @Test
    @Order(2)
    void theCallerResourceWantsAnAuthenticatedCaller() {
        assertEquals(401, new ExampleClient(ejbFirst).getAs("threads/caller", null, null).status());
        assertEquals(401, new ExampleClient(ejbFirst).getAs("threads/caller", "alice", "wrong").status());
    }

    @Test
    @Order(2)
    void aRetriedAttemptStartedByTheTimerCarriesTheCallersContext() {
        List<JsonObject> answers = new ArrayList<>();
        for (PayaraMicro server : List.of(ejbFirst, resourceFirst)) {
            for (String via : List.of("ejb", "resource")) {
                JsonObject answer = lookup(server, via, 2);
                assertEquals(3, answer.getInt("attempt"), "the third attempt answers: " + answer);
                answers.add(answer);
            }
        }
        assertLookups("both instances", answers);
    }

    @Test
    @Order(3)
    void theLogSaysOnceWhichThreadsAreUsed() {
        for (PayaraMicro server : List.of(ejbFirst, resourceFirst)) {
            String log = server.logText();
            String line = "Resilient Circuit runs asynchronous executions on java:comp/DefaultManagedExecutorService";
            assertEquals(1, log.split(Pattern.quote(line), -1).length - 1,
                    server.name() + " logs once which executor it uses; log " + server.log());
            assertTrue(log.contains("store threads of its own (resilient-circuit-store-*)"), server.name()
                    + " says where the store's threads come from; log " + server.log());
        }
    }

    @Test
    @Order(3)
    /**
     * The store's threads are the library's own (a managed thread that took a connection stays in
     * Payara's transaction manager after it ends, with its deployment's class loader: see RedeployIT),
     * and no execution or timer runs on a thread of the library's.
     */
    void theStoresThreadsAreItsOwnAndTheLibraryHasNoPoolOfItsOwn() {
        for (PayaraMicro server : List.of(ejbFirst, resourceFirst)) {
            JsonObject threads = new ExampleClient(server).get("threads/library").getJsonObject("threads");
            System.out.println(server.name() + " library threads: " + threads);
            for (String name : List.of("resilient-circuit-store-writer", "resilient-circuit-store-feed",
                    "resilient-circuit-store-flush")) {
                assertTrue(threads.containsKey(name) && !threads.getBoolean(name), name + " is the library's own thread: " + threads);
            }
            assertTrue(threads.keySet().stream().noneMatch(name -> name.startsWith("resilient-circuit-worker")
                    || name.startsWith("resilient-circuit-timer")), "no pool or timer of the library's own: " + threads);
        }
    }

    @Test
    @Order(3)
    void eightAsynchronousExecutionsRunAtOnce() {
        JsonObject answer = new ExampleClient(ejbFirst).get("threads/together?n=8");
        assertEquals(8, answer.getInt("met"), "executions that met all the others: " + answer);
    }

    private static JsonObject lookup(PayaraMicro server, String via, int failures) {
        JsonObject answer = new ExampleClient(server).get("threads/async-lookup?via=" + via + "&failures=" + failures);
        System.out.println(server.name() + " via=" + via + " failures=" + failures + ": " + answer);
        return answer;
    }

    /** Every answer found the env-entry, on a managed thread; all are checked, so the report shows each. */
    private static void assertLookups(String where, List<JsonObject> answers) {
        List<Executable> checks = new ArrayList<>();
        for (JsonObject answer : answers) {
            checks.add(() -> assertEquals(GREETING, answer.isNull("lookup") ? null : answer.getString("lookup"),
                    "java:comp/env lookup on " + where + ": " + answer));
            checks.add(() -> assertTrue(answer.getBoolean("managed"), "a managed thread: " + answer));
        }
        assertAll(checks);
    }
}
