package org.resilientcircuit.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resilientcircuit.api.BreakerKey;
import org.resilientcircuit.api.CircuitBreakers;
import org.resilientcircuit.cdi.FaultToleranceExtension;
import org.resilientcircuit.spi.StoreStatus;
import org.resilientcircuit.testing.Await;
import org.resilientcircuit.testing.PostgresCluster;
import org.resilientcircuit.testing.TestCertificates;

/**
 * The real PostgreSQL store, through the CDI extension, against servers of the test's own that
 * accept TLS only ({@code hostssl}): one with a server certificate from the test's CA, one that
 * also demands a client certificate ({@code cert}). Configured only through the rc.db.* keys.
 */
class TlsStoreIT {

    private static final String KEY = "tls-guarded";

    @TempDir
    static Path certificates;
    private static TestCertificates ca;
    private static TestCertificates otherCa;
    private static Path[] client;
    private static PostgresCluster tlsOnly;
    private static PostgresCluster certOnly;

    private final List<String> properties = new ArrayList<>();
    private WeldContainer container;

    @ApplicationScoped
    public static class Guarded {
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
        @BreakerKey(KEY)
        public String call() {
            return "ok";
        }
    }

    @BeforeAll
    static void serversWithTheirOwnCa() {
        ca = TestCertificates.authority(certificates, "rc-test");
        otherCa = TestCertificates.authority(certificates, "someone-else");
        Path[] server = ca.server();
        client = ca.client("postgres");
        tlsOnly = PostgresCluster.named("tls-only").ssl(server[0], server[1], null)
                .hba("hostssl all all 127.0.0.1/32 trust").start();
        certOnly = PostgresCluster.named("cert-only").ssl(server[0], server[1], ca.caCertificate())
                .hba("hostssl all all 127.0.0.1/32 cert").start();
        tlsOnly.sql("postgres", "CREATE DATABASE rc");
        certOnly.sql("postgres", "CREATE DATABASE rc");
    }

    @AfterAll
    static void stopServers() {
        if (tlsOnly != null) {
            tlsOnly.close();
        }
        if (certOnly != null) {
            certOnly.close();
        }
    }

    @Test
    void verifyFullWithTheServersCaConnectsAndWrites() {
        CircuitBreakers breakers = boot(Map.of("rc.db.url", tlsOnly.jdbcUrl("rc") + "?user=postgres",
                "rc.db.sslmode", "verify-full", "rc.db.sslrootcert", ca.caCertificate().toString()));

        breakers.open(KEY, Duration.ofMinutes(5));

        Await.until(() -> "OPEN".equals(row(tlsOnly)), 15, "the row is OPEN in the TLS-only server");
        StoreStatus store = breakers.store();
        assertFalse(store.degraded(), store.toString());
        assertTrue(store.description().contains("TLS verify-full with root certificate " + ca.caCertificate()),
                store.description());
        String sessions = tlsOnly.sql("rc", "SELECT count(*) FILTER (WHERE s.ssl) || '/' || count(*) FROM pg_stat_ssl s"
                + " JOIN pg_stat_activity a USING (pid) WHERE a.datname = 'rc' AND a.client_addr IS NOT NULL");
        assertTrue(sessions.matches("([1-9]\\d*)/\\1"), "every TCP session of the store uses TLS: " + sessions);
    }

    @Test
    void aWrongCaDegradesTheStoreWithAMessageAboutTheCertificate() {
        CircuitBreakers breakers = boot(Map.of("rc.db.host", "127.0.0.1", "rc.db.port", Integer.toString(tlsOnly.port()),
                "rc.db.name", "rc", "rc.db.sslmode", "verify-full",
                "rc.db.sslrootcert", otherCa.caCertificate().toString()));

        breakers.open(KEY, Duration.ofMinutes(5));

        Await.until(() -> breakers.store().degraded(), 15, "the store is degraded");
        String problem = breakers.store().problem();
        System.out.println("[tls] wrong CA: " + problem);
        assertTrue(problem.contains("server's certificate is not signed by a certificate authority of rc.db.sslrootcert ("
                + otherCa.caCertificate() + ")"), problem);
    }

    @Test
    void aClientCertificateServerIsReachedWithSslcertAndSslkey() {
        CircuitBreakers breakers = boot(Map.of("rc.db.host", "127.0.0.1", "rc.db.port", Integer.toString(certOnly.port()),
                "rc.db.name", "rc", "rc.db.user", "postgres", "rc.db.sslmode", "verify-full",
                "rc.db.sslrootcert", ca.caCertificate().toString(), "rc.db.sslcert", client[0].toString(),
                "rc.db.sslkey", TestCertificates.pk8(client[1]).toString()));

        breakers.open(KEY, Duration.ofMinutes(5));

        Await.until(() -> "OPEN".equals(row(certOnly)), 15, "the row is OPEN in the client-certificate server");
        assertFalse(breakers.store().degraded(), breakers.store().toString());
    }

    @Test
    void aPemClientKeyFailsDeploymentWithTheConversionCommand() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> boot(Map.of("rc.db.host", "127.0.0.1",
                "rc.db.port", Integer.toString(certOnly.port()), "rc.db.sslcert", client[0].toString(),
                "rc.db.sslkey", client[1].toString())));

        String message = String.valueOf(failure.getMessage());
        assertTrue(message.contains("rc.db.sslkey (RC_DB_SSLKEY): sslkey file " + client[1] + " is a PEM key"), message);
        assertTrue(message.contains("openssl pkcs8 -topk8"), message);
    }

    private CircuitBreakers boot(Map<String, String> connection) {
        Map<String, String> all = new LinkedHashMap<>(connection);
        all.put("rc.schema.create", "true");
        all.put("rc.store.timeout", "2000");
        all.forEach((key, value) -> {
            System.setProperty(key, value);
            properties.add(key);
        });
        releaseConfig();
        container = new Weld("tls-" + System.nanoTime()).disableDiscovery().addExtension(new FaultToleranceExtension())
                .addBeanClasses(Guarded.class).initialize();
        return container.select(CircuitBreakers.class).get();
    }

    private static String row(PostgresCluster cluster) {
        try {
            return cluster.sql("rc", "SELECT state FROM rc_circuit_breakers WHERE resource_key = '" + KEY + "'");
        } catch (AssertionError noTableYet) {
            return "";
        }
    }

    @AfterEach
    void shutDown() {
        try {
            if (container != null) {
                container.shutdown();
            }
        } finally {
            container = null;
            properties.forEach(System::clearProperty);
            properties.clear();
            releaseConfig();
            for (PostgresCluster cluster : new PostgresCluster[] {tlsOnly, certOnly}) {
                try {
                    cluster.sql("rc", "DROP TABLE IF EXISTS rc_circuit_breakers CASCADE");
                } catch (AssertionError ignored) {
                    // nothing to drop
                }
            }
        }
    }

    private static void releaseConfig() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }
}
