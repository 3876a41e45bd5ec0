package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Extension;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;
import org.junit.jupiter.api.Test;

/**
 * With SmallRye Fault Tolerance in the application too (as WildFly's microprofile profiles and TomEE
 * MicroProfile add it to every deployment, or as an application may bundle it), ours is the only
 * implementation that acts: a method with {@code @Retry(maxRetries = 3)} that always fails runs 4
 * times, not 16, and the log says which implementation was switched off.
 *
 * <p>Runs in a Surefire execution of its own ({@code beside-smallrye} in impl's pom), the only one
 * with SmallRye Fault Tolerance on the class path.
 */
class BesideSmallRyeTest {

    private static final String SMALLRYE_EXTENSION = "io.smallrye.faulttolerance.FaultToleranceExtension";
    private static final String SMALLRYE_CONFIG_EXTENSION = "io.smallrye.config.inject.ConfigExtension";

    @ApplicationScoped
    public static class Flaky {
        private final AtomicInteger calls = new AtomicInteger();

        public int calls() {
            return calls.get();
        }

        @Retry(maxRetries = 3, delay = 0, jitter = 0)
        public String call() {
            calls.incrementAndGet();
            throw new IllegalStateException("fails on purpose");
        }
    }

    @Test
    void aRetryOfThreeRunsFourTimesAndTheLogNamesWhatWasSwitchedOff() {
        List<String> log = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                log.add(MessageFormat.format(record.getMessage(), record.getParameters() == null ? new Object[0]
                        : record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(FaultToleranceExtension.class.getName());
        logger.addHandler(handler);
        Weld weld = WeldInitiator.createWeld().addExtension(new FaultToleranceExtension()).addBeanClasses(Flaky.class);
        weld.addExtension(extension(SMALLRYE_EXTENSION));
        weld.addExtension(extension(SMALLRYE_CONFIG_EXTENSION));
        try (WeldContainer container = weld.initialize()) {
            Flaky flaky = container.select(Flaky.class).get();
            assertThrows(IllegalStateException.class, flaky::call);
            assertEquals(4, flaky.calls(), "1 call and 3 retries, by one implementation");
        } finally {
            logger.removeHandler(handler);
        }
        assertTrue(log.stream().anyMatch(line -> line.contains("SmallRye Fault Tolerance")
                && line.contains("io.smallrye.faulttolerance.FaultToleranceInterceptor) is switched off for it")), log.toString());
    }

    /** The extension the class path registers under {@code name}: SmallRye's, in this execution only. */
    private static Extension extension(String name) {
        return ServiceLoader.load(Extension.class).stream()
                .filter(provider -> provider.type().getName().equals(name))
                .map(ServiceLoader.Provider::get)
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not on the class path: run this test in impl's"
                        + " beside-smallrye execution"));
    }
}
