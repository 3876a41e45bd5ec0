package org.resilientcircuit.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.inject.spi.BeanManager;

import org.junit.jupiter.api.Test;
import org.resilientcircuit.cdi.FaultToleranceExtension;
import org.resilientcircuit.engine.MethodMetrics;

/**
 * Without MicroProfile Metrics and MicroProfile Telemetry on the class path the library still loads
 * and runs: only the two backends refer to a metrics API, and they are loaded only when it is there.
 */
class MetricsAvailabilityTest {

    private static final List<String> API_PACKAGES = List.of("org/eclipse/microprofile/metrics/", "io/opentelemetry/");

    @Test
    void onlyTheBackendsReferToAMetricsApi() throws IOException {
        for (Class<?> type : List.of(FaultToleranceMetrics.class, MetricsBackend.class, MeteredMethod.class,
                MetricNames.class, CompositeMethodMetrics.class, RegisteredOnFirstEvent.class, CompositeStoreObserver.class,
                FaultToleranceExtension.class,
                MethodMetrics.class)) {
            try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                for (String api : API_PACKAGES) {
                    assertFalse(bytes.contains(api), "a type of " + api + " in " + type.getName());
                }
            }
        }
    }

    @Test
    void availableWhereTheApiIsLoadable() {
        ClassLoader here = FaultToleranceMetrics.class.getClassLoader();
        assertTrue(FaultToleranceMetrics.available(here, FaultToleranceMetrics.MP_METRICS_REGISTRY,
                FaultToleranceMetrics.MP_METRICS_5));
        assertTrue(FaultToleranceMetrics.available(here, FaultToleranceMetrics.OPEN_TELEMETRY,
                FaultToleranceMetrics.OTEL_METER));
        assertFalse(FaultToleranceMetrics.available(new ClassLoader(null) {
        }, FaultToleranceMetrics.OPEN_TELEMETRY));
    }

    @Test
    void withNeitherApiNoSystemIsStartedAndMethodsAreNotMetered() throws Exception {
        URL classes = FaultToleranceMetrics.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader withoutApis = new ClassLoader(FaultToleranceMetrics.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("org.eclipse.microprofile.metrics.") || name.startsWith("io.opentelemetry.")
                        || name.startsWith("org.resilientcircuit.cdi.metrics.")) {
                    throw new ClassNotFoundException(name); // APIs hidden; our metrics classes come from the child
                }
                return super.loadClass(name, resolve);
            }
        };
        try (URLClassLoader library = new URLClassLoader(new URL[] {classes}, withoutApis)) {
            Class<?> facade = library.loadClass(FaultToleranceMetrics.class.getName());
            assertNotSame(FaultToleranceMetrics.class, facade);
            Object metrics = facade.getMethod("create", boolean.class, BeanManager.class).invoke(null, true, null);

            assertEquals(false, facade.getMethod("active").invoke(metrics));
            assertEquals("none available", facade.getMethod("describe").invoke(metrics));
            Class<?> method = library.loadClass(MeteredMethod.class.getName());
            Object metered = method.getConstructors()[0].newInstance("A.b", true, true, null, true, false, true);
            Method forMethod = facade.getMethod("forMethod", method);
            assertEquals(MethodMetrics.NONE, forMethod.invoke(metrics, metered));
            facade.getMethod("close").invoke(metrics);
        }
    }
}
