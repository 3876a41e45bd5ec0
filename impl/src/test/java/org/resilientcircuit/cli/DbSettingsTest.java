package org.resilientcircuit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where pg-setup connects: {@code --url}, else RC_DB_* from the environment, else from {@code .env}. */
class DbSettingsTest {

    @TempDir
    Path workDir;

    private void dotEnv(String text) throws IOException {
        Files.writeString(workDir.resolve(".env"), text);
    }

    @Test
    void urlWinsOverEnvironmentAndDotEnv() throws Exception {
        dotEnv("RC_DB_HOST=dotenv-host\nRC_DB_NAME=dotenv_db\n");
        Map<String, String> env = Map.of("RC_DB_HOST", "env-host", "RC_DB_USER", "env_user");

        DbSettings settings = DbSettings.resolve("jdbc:postgresql://url-host:6543/url_db?user=url_user", env, workDir);

        assertEquals("jdbc:postgresql://url-host:6543/url_db", settings.jdbcUrl());
        assertEquals("url-host:6543", settings.hosts());
        assertEquals("url_db", settings.database());
        assertEquals("url_user", settings.user());
        assertEquals("--url", settings.source());
    }

    @Test
    void environmentWinsOverDotEnvVariableByVariable() throws Exception {
        dotEnv("RC_DB_HOST=dotenv-host\nRC_DB_PORT=5999\nRC_DB_NAME=dotenv_db\n");
        Map<String, String> env = Map.of("RC_DB_HOST", "env-host", "RC_DB_NAME", "env_db");

        DbSettings settings = DbSettings.resolve(null, env, workDir);

        assertEquals("env-host:5999", settings.hosts());
        assertEquals("env_db", settings.database());
        assertEquals("jdbc:postgresql://env-host:5999/env_db", settings.jdbcUrl());
        assertEquals("environment and " + workDir.resolve(".env"), settings.source());
    }

    @Test
    void dotEnvAloneIsEnough() throws Exception {
        dotEnv("""
                # database of the circuit breakers
                export RC_DB_HOST="db.internal"  \s
                RC_DB_USER = 'rc_app'
                RC_DB_PASSWORD=pa#ss # a comment
                """);

        DbSettings settings = DbSettings.resolve(null, Map.of(), workDir);

        assertEquals("db.internal:5432", settings.hosts());
        assertEquals("rc_app", settings.user());
        assertTrue(settings.hasPassword());
        assertEquals(workDir.resolve(".env").toString(), settings.source());
    }

    @Test
    void defaultsAreTheAncestorsOnes() throws Exception {
        DbSettings settings = DbSettings.resolve(null, Map.of("RC_DB_HOST", "localhost"), workDir);

        assertEquals("localhost:5432", settings.hosts());
        assertEquals("resilient_circuit_db", settings.database());
        assertEquals("postgres", settings.user());
        assertFalse(settings.hasPassword());
        assertEquals("jdbc:postgresql://localhost:5432/resilient_circuit_db", settings.jdbcUrl());
        assertEquals("environment", settings.source());
    }

    @Test
    void aBlankEnvironmentValueCountsAsUnset() throws Exception {
        dotEnv("RC_DB_HOST=dotenv-host\n");

        DbSettings settings = DbSettings.resolve(null, Map.of("RC_DB_HOST", " "), workDir);

        assertEquals("dotenv-host:5432", settings.hosts());
    }

    @Test
    void withoutHostTheMessageNamesRcDbHostAndUrl() throws IOException {
        dotEnv("RC_DB_NAME=somewhere\n");

        SettingsException e = assertThrows(SettingsException.class,
                () -> DbSettings.resolve(null, Map.of("RC_DB_USER", "me"), workDir));

        assertTrue(e.getMessage().contains("RC_DB_HOST"), e.getMessage());
        assertTrue(e.getMessage().contains("--url"), e.getMessage());
        assertTrue(e.getMessage().contains(workDir.resolve(".env").toString()), e.getMessage());
    }

    @Test
    void aPortMustBeANumber() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> DbSettings.resolve(null, Map.of("RC_DB_HOST", "h", "RC_DB_PORT", "54x32"), workDir));

        assertEquals("RC_DB_PORT: port must be a number from 1 to 65535, was '54x32'", e.getMessage());
    }

    @Test
    void aUrlMustBeAPostgresqlJdbcUrl() {
        UsageException e = assertThrows(UsageException.class,
                () -> DbSettings.resolve("postgres://h/db", Map.of(), workDir));

        assertTrue(e.getMessage().startsWith("--url is not a PostgreSQL JDBC URL"), e.getMessage());
    }

    @Test
    void theDescriptionNeverShowsThePassword() throws Exception {
        DbSettings fromUrl = DbSettings.resolve("jdbc:postgresql://h/db?user=u&password=s3cret", Map.of(), workDir);
        DbSettings fromEnv = DbSettings.resolve(null, Map.of("RC_DB_HOST", "h", "RC_DB_PASSWORD", "s3cret"), workDir);

        assertEquals("host h:5432, database db, user u, TLS prefer (server not verified), target server any",
                fromUrl.describe());
        assertEquals("host h:5432, database resilient_circuit_db, user postgres, TLS prefer (server not verified),"
                + " target server any", fromEnv.toString());
        assertFalse(fromEnv.jdbcUrl().contains("s3cret"));
        assertTrue(fromUrl.hasPassword());
        assertTrue(fromEnv.hasPassword());
    }

    @Test
    void aUrlWithoutPasswordTakesRcDbPassword() throws Exception {
        DbSettings settings = DbSettings.resolve("jdbc:postgresql://h/db", Map.of("RC_DB_PASSWORD", "p"), workDir);

        assertTrue(settings.hasPassword());
        assertNull(settings.user());
        assertEquals("--url and environment", settings.source());
        assertTrue(settings.describe().startsWith("host h:5432, database db, user (driver default), "),
                settings.describe());
    }

    @Test
    void hostsAndNamesAreQuotedForTheUrl() throws Exception {
        DbSettings settings = DbSettings.resolve(null,
                Map.of("RC_DB_HOST", "::1", "RC_DB_NAME", "circuit breakers/é"), workDir);

        assertEquals("jdbc:postgresql://[::1]:5432/circuit+breakers%2F%C3%A9", settings.jdbcUrl());
        assertEquals("circuit breakers/é", org.postgresql.Driver.parseURL(settings.jdbcUrl(), null)
                .getProperty("PGDBNAME"));
    }
}
