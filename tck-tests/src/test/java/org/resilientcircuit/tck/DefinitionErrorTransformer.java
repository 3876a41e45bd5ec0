package org.resilientcircuit.tck;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;

/**
 * Hands Arquillian the real definition error that the CDI container wrapped.
 *
 * <p><b>Weld.</b> Weld embedded reports definition and deployment errors as {@code org.jboss.weld.exceptions.DefinitionException} /
 * {@code DeploymentException}; the errors an extension registered (e.g. with
 * {@code AfterBeanDiscovery.addDefinitionError}) are attached to it as <em>suppressed</em> exceptions, an exception
 * thrown by an observer of a container lifecycle event as its <em>cause</em>. Arquillian's
 * {@code DeploymentExceptionHandler} only follows causes, so without this transformer the TCK's
 * {@code @ShouldThrowException(FaultToleranceDefinitionException.class)} deployments would not be recognised.
 *
 * <p>
 * The transformer searches the wrapper's suppressed exceptions and causes (recursively) for a MicroProfile
 * {@code FaultToleranceDefinitionException} and returns the first one found. Failing that, a Weld wrapper with exactly
 * one suppressed exception is replaced by that exception.
 *
 * <p><b>OpenWebBeans</b> keeps such errors only in its log, see {@link LoggedDefinitionErrors}: an OpenWebBeans
 * exception (the thrown one or one of its causes) is replaced by the first definition error logged since the last
 * deployment error. Anything else is left alone ({@code null}).
 */
public class DefinitionErrorTransformer implements DeploymentExceptionTransformer {

    static final String FT_DEFINITION_EXCEPTION =
            "org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException";
    private static final String WELD_EXCEPTIONS_PACKAGE = "org.jboss.weld.exceptions.";
    private static final String OWB_EXCEPTIONS_PACKAGE = "org.apache.webbeans.exception.";

    @Override
    public Throwable transform(Throwable exception) {
        if (exception == null) {
            return null;
        }
        List<Throwable> logged = LoggedDefinitionErrors.take();
        if (fromOpenWebBeans(exception)) {
            return logged.isEmpty() ? null : logged.get(0);
        }
        if (!isWeldWrapper(exception)) {
            return null;
        }
        Throwable definitionError = findFaultToleranceDefinitionException(exception);
        if (definitionError != null) {
            return definitionError;
        }
        Throwable[] suppressed = exception.getSuppressed();
        return suppressed.length == 1 ? suppressed[0] : null;
    }

    private static boolean isWeldWrapper(Throwable t) {
        return t.getClass().getName().startsWith(WELD_EXCEPTIONS_PACKAGE);
    }

    private static boolean fromOpenWebBeans(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith(OWB_EXCEPTIONS_PACKAGE)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable findFaultToleranceDefinitionException(Throwable root) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) {
            Throwable t = queue.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (isA(t.getClass(), FT_DEFINITION_EXCEPTION)) {
                return t;
            }
            Collections.addAll(queue, t.getSuppressed());
            if (t.getCause() != null) {
                queue.add(t.getCause());
            }
        }
        return null;
    }

    static boolean isA(Class<?> type, String className) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
