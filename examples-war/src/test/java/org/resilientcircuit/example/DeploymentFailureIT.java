package org.resilientcircuit.example;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The harness itself: Payara Micro logs "ready" even when the application failed to deploy, and
 * {@link PayaraMicro#awaitDeployed} must fail then, quoting the server log.
 */
class DeploymentFailureIT {

    @Test
    void aFailedDeploymentFailsTheTestWithTheServerLog() throws Exception {
        String namespace = ExampleSettings.scratchNamespace("broken");
        // rc.datasource naming nothing is a deployment error of Resilient Circuit
        PayaraMicro server = PayaraMicro.start("broken", ExampleSettings.work(), ExampleSettings.postBootCommands(),
                Map.of("rc.namespace", namespace, "rc.datasource", "jdbc/no-such-datasource"));
        try {
            AssertionError failure = assertThrows(AssertionError.class, () -> server.awaitDeployed(Duration.ofSeconds(240)));
            String message = failure.getMessage();
            assertTrue(message.contains("failed to deploy") || message.contains("not deployed"), message);
            assertTrue(message.contains("rc.datasource names jdbc/no-such-datasource"),
                    "the log tail names the cause: " + message);
            assertTrue(server.logText().contains("ready in"), "Payara Micro said it was ready all the same");
            assertFalse(server.logText().isEmpty());
        } finally {
            server.close();
            ExampleSettings.dropNamespace(namespace);
        }
    }
}
