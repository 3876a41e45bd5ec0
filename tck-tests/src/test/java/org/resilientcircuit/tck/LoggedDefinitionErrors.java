package org.resilientcircuit.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * OpenWebBeans reports the errors an extension registered ({@code addDefinitionError}) only in its log: it logs each
 * one and then throws a {@code WebBeansConfigurationException} (or {@code WebBeansDeploymentException}) that carries
 * just the message "There are errors ... Look at logs for further details". This {@link Handler}, on the
 * {@code org.apache.webbeans} logger, keeps the MicroProfile {@code FaultToleranceDefinitionException}s so logged, so
 * that {@link DefinitionErrorTransformer} can hand the real error to Arquillian.
 */
final class LoggedDefinitionErrors extends Handler {

    private static final String OWB_LOGGER = "org.apache.webbeans";
    private static final LoggedDefinitionErrors INSTANCE = new LoggedDefinitionErrors();
    /** Held so that the logger, and with it the handler, is not garbage collected. */
    private static final Logger LOGGER = Logger.getLogger(OWB_LOGGER);

    private final List<Throwable> logged = new ArrayList<>();

    private LoggedDefinitionErrors() {
    }

    static void install() {
        synchronized (LOGGER) {
            for (Handler handler : LOGGER.getHandlers()) {
                if (handler == INSTANCE) {
                    return;
                }
            }
            LOGGER.addHandler(INSTANCE);
        }
    }

    /** The definition errors logged since the last call, oldest first; forgets them. */
    static List<Throwable> take() {
        synchronized (INSTANCE.logged) {
            List<Throwable> result = new ArrayList<>(INSTANCE.logged);
            INSTANCE.logged.clear();
            return result;
        }
    }

    @Override
    public void publish(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (thrown != null && DefinitionErrorTransformer.isA(thrown.getClass(), DefinitionErrorTransformer.FT_DEFINITION_EXCEPTION)) {
            synchronized (logged) {
                logged.add(thrown);
            }
        }
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        // nothing to release
    }
}
