package org.resilientcircuit.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resilientcircuit.testing.TestCertificates;

/** Every form of the connection settings, as the application reads them (rc.db.*), and each error naming its key. */
class DbTargetsTest {

    private static final String SECRET = "s3cret-Pa55";

    @TempDir
    static Path dir;
    private static TestCertificates ca;
    private static Path[] client;

    @BeforeAll
    static void certificates() {
        ca = TestCertificates.authority(dir, "unit");
        client = ca.client("app");
    }

    private static DbTarget resolve(Object... keysAndValues) {
        Map<DbKey, String> values = new EnumMap<>(DbKey.class);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((DbKey) keysAndValues[i], keysAndValues[i + 1].toString());
        }
        return DbTargets.resolve(new DbInput(values, DbKey::property)).orElseThrow();
    }

    private static String error(Object... keysAndValues) {
        String message = assertThrows(DbSettingException.class, () -> resolve(keysAndValues)).getMessage();
        assertFalse(message.contains(SECRET), message);
        return message;
    }

    @Test
    void aJdbcUrlWithHostsAndParametersWinsOverHostPortAndName() {
        DbTarget target = resolve(DbKey.URL, "jdbc:postgresql://h1:5433,[::1],h3/rc?targetServerType=primary"
                + "&user=app&password=" + SECRET + "&ApplicationName=orders%20svc", DbKey.HOST, "ignored", DbKey.NAME, "x");

        assertEquals("jdbc:postgresql://h1:5433,[::1]:5432,h3:5432/rc", target.jdbcUrl());
        assertEquals("primary", target.targetServerType());
        assertEquals("orders svc", target.parameters().get("ApplicationName"));
        assertEquals("app", target.properties().getProperty("user"));
        assertEquals(SECRET, target.properties().getProperty("password"));
        assertEquals("hosts h1:5433,[::1]:5432,h3:5432, database rc, user app, TLS prefer (server not verified),"
                + " target server primary", target.describe());
        assertFalse(target.toString().contains(SECRET));
    }

    @Test
    void aJdbcUrlMayCarryUserAndPasswordBeforeTheHosts() {
        DbTarget target = resolve(DbKey.URL, "jdbc:postgresql://app:" + SECRET + "@db:6000/rc");

        assertEquals("app", target.user());
        assertEquals(SECRET, target.password());
        assertEquals("jdbc:postgresql://db:6000/rc", target.jdbcUrl());
    }

    @Test
    void aLibpqUriIsTranslatedToTheDriversParameters() {
        DbTarget target = resolve(DbKey.DSN, "postgresql://app:" + SECRET + "@h1,h2:5433/rc?sslmode=verify-full&sslrootcert="
                + ca.caCertificate() + "&target_session_attrs=read-write&connect_timeout=5&application_name=orders"
                + "&options=-c%20statement_timeout%3D5000");

        assertEquals(List.of(new HostPort("h1", 5432), new HostPort("h2", 5433)), target.hosts());
        assertEquals(Map.of("sslmode", "verify-full", "sslrootcert", ca.caCertificate().toString(),
                "targetServerType", "primary", "connectTimeout", "5", "ApplicationName", "orders",
                "options", "-c statement_timeout=5000"), target.parameters());
        assertEquals(SECRET, target.password());
        assertTrue(target.describe().contains("TLS verify-full with root certificate " + ca.caCertificate()),
                target.describe());
    }

    @Test
    void libpqKeywordValuePairsWithQuotesAndPerHostPorts() {
        DbTarget target = resolve(DbKey.DSN, "host=h1,h2 port=5432,6432 dbname='circuit db' user=app password='it''s "
                .replace("''", "\\'") + SECRET + "' sslmode=require");

        assertEquals(List.of(new HostPort("h1", 5432), new HostPort("h2", 6432)), target.hosts());
        assertEquals("circuit db", target.database());
        assertEquals("it's " + SECRET, target.password());
        assertEquals("require", target.tlsMode());
    }

    @Test
    void hostPortAndNameWithTheAncestorsDefaults() {
        DbTarget target = resolve(DbKey.HOST, "db.internal", DbKey.PASSWORD, SECRET);

        assertEquals("jdbc:postgresql://db.internal:5432/resilient_circuit_db", target.jdbcUrl());
        assertEquals("postgres", target.user());
        assertEquals(SECRET, target.password());
    }

    @Test
    void userAndPasswordApplyWhereTheUrlNamesNone() {
        assertEquals("other", resolve(DbKey.URL, "jdbc:postgresql://h/rc", DbKey.USER, "other").user());
        assertEquals("app", resolve(DbKey.URL, "jdbc:postgresql://h/rc?user=app", DbKey.USER, "other").user());
        assertNull(resolve(DbKey.URL, "jdbc:postgresql://h/rc").user());
    }

    @Test
    void tlsSettingsApplyOnTopOfAnyForm() {
        DbTarget target = resolve(DbKey.DSN, "host=h dbname=rc sslmode=disable", DbKey.SSLMODE, "verify-full",
                DbKey.SSLROOTCERT, ca.caCertificate(), DbKey.SSLCERT, client[0], DbKey.SSLKEY,
                TestCertificates.pk8(client[1]), DbKey.SSLPASSWORD, SECRET);

        assertEquals("verify-full", target.tlsMode());
        assertEquals(client[0].toString(), target.parameters().get("sslcert"));
        assertEquals(SECRET, target.parameters().get("sslpassword"));
        assertFalse(target.describe().contains(SECRET));
    }

    @Test
    void requireWithARootCertificateVerifiesAsLibpqDoes() {
        DbTarget target = resolve(DbKey.HOST, "h", DbKey.SSLMODE, "require", DbKey.SSLROOTCERT, ca.caCertificate());

        assertEquals("verify-ca", target.tlsMode());
    }

    @Test
    void aSystemRootCertificateMeansTheJvmTrustStoreAndVerifyFull() {
        DbTarget target = resolve(DbKey.HOST, "h", DbKey.SSLROOTCERT, "system");

        assertEquals("verify-full", target.tlsMode());
        assertEquals("org.postgresql.ssl.DefaultJavaSSLFactory", target.parameters().get("sslfactory"));
    }

    @Test
    void badValuesNameTheirKey() {
        assertTrue(error(DbKey.HOST, "h", DbKey.PORT, "70000").startsWith("rc.db.port: port must be a number from 1 to 65535"));
        assertTrue(error(DbKey.HOST, "h", DbKey.PORT, "0").startsWith("rc.db.port"));
        assertTrue(error(DbKey.URL, "jdbc:postgresql://h/rc", DbKey.DSN, "host=h").contains("rc.db.url and rc.db.dsn"));
        assertTrue(error(DbKey.URL, "jdbc:postgresql://h:" + SECRET + "/rc").startsWith("rc.db.url: a port in the host list"));
        assertTrue(error(DbKey.URL, "postgresql://u:" + SECRET + "@h/rc").startsWith("rc.db.url is not a PostgreSQL JDBC URL"));
        assertTrue(error(DbKey.URL, "jdbc:postgresql://u:" + SECRET + "@h").contains("names no database"));
        assertTrue(error(DbKey.URL, "jdbc:postgresql://h/rc?targetServerType=secondary").contains("read-only"));
        assertTrue(error(DbKey.DSN, "host=h " + SECRET).startsWith("rc.db.dsn: expected keyword=value"));
        assertTrue(error(DbKey.DSN, "host=h dbname=rc sslcrl=/x").contains("rc.db.dsn: libpq parameter sslcrl has no"));
        assertTrue(error(DbKey.DSN, "host=h dbname=rc target_session_attrs=standby")
                .contains("rc.db.dsn: target_session_attrs=standby would connect the store to a read-only standby"));
        assertTrue(error(DbKey.DSN, "host=h dbname=rc bogus=1").contains("unknown libpq parameter bogus"));
        assertTrue(error(DbKey.DSN, "jdbc:postgresql://h/rc").contains("rc.db.url"));
        assertTrue(error(DbKey.HOST, "h", DbKey.SSLMODE, "verify").startsWith("rc.db.sslmode: sslmode must be one of"));
        assertTrue(error(DbKey.URL, "jdbc:postgresql://h/rc?sslmode=on").startsWith("rc.db.url: sslmode"));
        assertTrue(error(DbKey.HOST, "h", DbKey.SSLROOTCERT, dir.resolve("missing.crt")).startsWith(
                "rc.db.sslrootcert: sslrootcert file " + dir.resolve("missing.crt") + " does not exist"));
        assertTrue(error(DbKey.HOST, "h", DbKey.SSLCERT, client[1]).startsWith("rc.db.sslcert: sslcert file "
                + client[1] + " is not an X.509 certificate"));
    }

    @Test
    void aPemKeyIsRefusedWithTheCommandThatConvertsIt() {
        String message = error(DbKey.HOST, "h", DbKey.SSLCERT, client[0], DbKey.SSLKEY, client[1]);

        assertTrue(message.startsWith("rc.db.sslkey: sslkey file " + client[1] + " is a PEM key"), message);
        assertTrue(message.contains("openssl pkcs8 -topk8 -inform PEM -outform DER -nocrypt -in " + client[1]), message);
    }

    @Test
    void anUnreadableFileIsNamed() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("a-directory.crt"));

        assertTrue(error(DbKey.DSN, "host=h dbname=rc sslrootcert=" + directory)
                .startsWith("rc.db.dsn: sslrootcert file " + directory + " is not a readable file"));
    }
}
