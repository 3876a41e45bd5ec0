package org.resilientcircuit.example;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * which starts later from a timer.
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
        assertLookups(ejbFirst, List.of(lookup(ejbFirst, "ejb", 0), lookup(ejbFirst, "resource", 0)));
    }

    @Test
    @Order(1)
    void aResourceFirstThenAnEjb() {
        assertLookups(resourceFirst, List.of(lookup(resourceFirst, "resource", 0), lookup(resourceFirst, "ejb", 0)));
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
        assertLookups(ejbFirst, answers);
    }

    @Test
    @Order(3)
    void theLogSaysOnceWhichThreadsAreUsed() {
        for (PayaraMicro server : List.of(ejbFirst, resourceFirst)) {
            String log = server.logText();
            String line = "Resilient Circuit runs asynchronous executions on java:comp/DefaultManagedExecutorService";
            assertEquals(1, log.split(java.util.regex.Pattern.quote(line), -1).length - 1,
                    server.name() + " logs once which executor it uses; log " + server.log());
            assertTrue(log.contains("store threads from java:comp/DefaultManagedThreadFactory"), server.name()
                    + " says where the store's threads come from; log " + server.log());
        }
    }

    private static JsonObject lookup(PayaraMicro server, String via, int failures) {
        JsonObject answer = new ExampleClient(server).get("threads/async-lookup?via=" + via + "&failures=" + failures);
        System.out.println(server.name() + " via=" + via + " failures=" + failures + ": " + answer);
        return answer;
    }

    /** Every answer found the env-entry, on a managed thread; all are checked, so the report shows each. */
    private static void assertLookups(PayaraMicro server, List<JsonObject> answers) {
        List<Executable> checks = new ArrayList<>();
        for (JsonObject answer : answers) {
            checks.add(() -> assertEquals(GREETING, answer.isNull("lookup") ? null : answer.getString("lookup"),
                    "java:comp/env lookup on " + server.name() + ": " + answer));
            checks.add(() -> assertTrue(answer.getBoolean("managed"), "a managed thread: " + answer));
        }
        assertAll(checks);
    }
}
