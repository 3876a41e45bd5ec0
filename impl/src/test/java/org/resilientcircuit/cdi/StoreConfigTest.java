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
        assertMessageNames("rc.db.port (RC_DB_PORT)", Map.of("rc.db.host", "h", "rc.db.port", "65536"));
        assertMessageNames("rc.db.url (RC_DB_URL)", Map.of("rc.db.url", "jdbc:postgresql://h"));
        assertMessageNames("rc.db.dsn (RC_DB_DSN)", Map.of("rc.db.dsn", "host=h dbname=rc keepalives_idle=5"));
        assertMessageNames("rc.db.sslmode (RC_DB_SSLMODE)", Map.of("rc.db.host", "h", "rc.db.sslmode", "strict"));
        assertMessageNames("rc.db.sslrootcert (RC_DB_SSLROOTCERT)",
                Map.of("rc.db.host", "h", "rc.db.sslrootcert", "/nonexistent/ca.crt"));
    }

    @Test
    void aDirectConnectionIsDescribedWithoutItsPassword() {
        StoreConfig settings = StoreConfig.read(config(Map.of("rc.db.url",
                "jdbc:postgresql://h1,h2:6432/rc?targetServerType=primary&sslmode=require", "rc.db.user", "app",
                "rc.db.password", "s3cret")));

        assertEquals("hosts h1:5432,h2:6432, database rc, user app, TLS require (server not verified),"
                + " target server primary", settings.connection().orElseThrow().describe());
    }

    private static void assertMessageNames(String key, Map<String, String> properties) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StoreConfig.read(config(properties)));
        assertTrue(error.getMessage().contains(key), error.getMessage());
    }
}
