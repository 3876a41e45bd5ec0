package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The rc.* settings as read from MicroProfile Config: defaults, values, and errors naming the key. */
class StoreConfigTest {

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }

    @Test
    void nothingConfiguredMeansDefaults() {
        StoreConfig settings = StoreConfig.read(config(Map.of()));

        assertTrue(settings.jndiName().isEmpty());
        assertTrue(settings.connection().isEmpty());
        assertEquals(StoreConfig.DEFAULT_PROBE_LEASE_MILLIS, settings.probeLeaseMillis());
        assertFalse(settings.rejectionStackTrace(), "rejections carry no stack trace by default");
        assertEquals(500, settings.postgres().storeTimeoutMillis());
        assertEquals(1000, settings.postgres().pollIntervalMillis());
    }

    @Test
    void rejectionStackTracesCanBeTurnedOn() {
        assertTrue(StoreConfig.read(config(Map.of("rc.rejection.stacktrace", "true"))).rejectionStackTrace());
    }

    @Test
    void badValuesNameTheirKey() {
        assertMessageNames("rc.propagation", Map.of("rc.propagation", "carrier-pigeon"));
        assertMessageNames("rc.window", Map.of("rc.window", "global"));
        assertMessageNames("rc.quorum", Map.of("rc.quorum", "0"));
        assertMessageNames("rc.store.timeout", Map.of("rc.store.timeout", "-5"));
    }

    private static void assertMessageNames(String key, Map<String, String> properties) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StoreConfig.read(config(properties)));
        assertTrue(error.getMessage().contains(key), error.getMessage());
    }
}
