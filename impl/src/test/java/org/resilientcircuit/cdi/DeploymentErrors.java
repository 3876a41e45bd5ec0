package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;

/** Deploys a bean with our extension and digs out the definition error Weld wraps. */
final class DeploymentErrors {

    private DeploymentErrors() {
    }

    /** Boots Weld with our extension and {@code bean}; returns the one FaultToleranceDefinitionException it failed with. */
    static FaultToleranceDefinitionException deploymentError(Class<?> bean) {
        RuntimeException failed = assertThrows(RuntimeException.class, () -> deploy(bean), bean.getSimpleName() + " deployed");
        List<FaultToleranceDefinitionException> found = definitionErrors(failed);
        assertEquals(1, found.size(), () -> "one definition error expected in " + failed);
        return found.get(0);
    }

    /** Deploying {@code bean} fails with a definition error that names it, its method {@code call}, and each of {@code words}. */
    static void assertNames(Class<?> bean, String... words) {
        assertNames(deploymentError(bean), bean, words);
    }

    /** {@code error} names {@code bean}, its method {@code call}, and each of {@code words}. */
    static void assertNames(FaultToleranceDefinitionException error, Class<?> bean, String... words) {
        String message = error.getMessage();
        assertNotNull(message);
        assertTrue(message.contains(bean.getName() + "#call("), () -> "names class and method: " + message);
        for (String word : words) {
            assertTrue(message.contains(word), () -> "mentions '" + word + "': " + message);
        }
    }

    /** Boots and shuts down Weld with our extension and {@code bean}. */
    static void deploy(Class<?> bean) {
        WeldContainer container = WeldInitiator.createWeld()
                .addExtension(new FaultToleranceExtension())
                .addBeanClasses(bean)
                .initialize();
        container.shutdown();
    }

    /** Every FaultToleranceDefinitionException among the causes and suppressed exceptions, each once. */
    static List<FaultToleranceDefinitionException> definitionErrors(Throwable top) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<FaultToleranceDefinitionException> result = new ArrayList<>();
        Deque<Throwable> pending = new ArrayDeque<>(List.of(top));
        while (!pending.isEmpty()) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof FaultToleranceDefinitionException definition) {
                result.add(definition);
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(List.of(t.getSuppressed()));
        }
        return result;
    }
}
