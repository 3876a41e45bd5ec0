package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
