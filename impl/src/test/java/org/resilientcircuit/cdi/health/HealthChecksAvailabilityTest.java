package org.resilientcircuit.cdi.health;

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

import jakarta.enterprise.inject.spi.AfterBeanDiscovery;

import org.junit.jupiter.api.Test;

/** The checks are registered only where MicroProfile Health exists, and the registrar runs without it. */
class HealthChecksAvailabilityTest {

    @Test
    void availableWhereTheApiIsLoadable() {
        assertTrue(HealthChecks.available(HealthChecks.class.getClassLoader()));
        assertFalse(HealthChecks.available(new ClassLoader(null) {
        }));
    }

    @Test
    void theRegistrarRefersToNoHealthType() throws IOException {
        try (InputStream in = HealthChecks.class.getResourceAsStream("HealthChecks.class")) {
            String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertFalse(bytes.contains("org/eclipse/microprofile/health/"), "a MicroProfile Health type in HealthChecks");
        }
    }

    @Test
    void withoutMicroProfileHealthTheRegistrarAddsNothing() throws Exception {
        URL classes = HealthChecks.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader withoutHealth = new ClassLoader(HealthChecks.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("org.eclipse.microprofile.health.") || name.startsWith("org.resilientcircuit.cdi.health.")) {
                    throw new ClassNotFoundException(name); // health hidden; the registrar comes from the child
                }
                return super.loadClass(name, resolve);
            }
        };
        try (URLClassLoader library = new URLClassLoader(new URL[] {classes}, withoutHealth)) {
            Class<?> registrar = library.loadClass(HealthChecks.class.getName());
            assertNotSame(HealthChecks.class, registrar);
            Method add = registrar.getMethod("addIfAvailable", AfterBeanDiscovery.class);

            assertEquals(false, add.invoke(null, (Object) null), "nothing added, the event untouched");
        }
    }
}
