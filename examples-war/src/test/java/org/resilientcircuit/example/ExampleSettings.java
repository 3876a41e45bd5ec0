package org.resilientcircuit.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the integration tests run on: the WAR, the server and driver jars (paths handed over by the
 * build as system properties), the database of {@code RC_TEST_JDBC_URL}, and a scratch namespace
 * per test class so runs never see each other's rows.
 */
final class ExampleSettings {

    static final String JDBC_URL_VARIABLE = "RC_TEST_JDBC_URL";
    /** The JNDI name the example's microprofile-config.properties names in rc.datasource. */
    static final String DATASOURCE = "jdbc/breakers";

    private ExampleSettings() {
    }

    static Path war() {
        return existing("example.war");
    }

    /** The WAR's exploded directory, as the war plugin leaves it. */
    static Path explodedWar() {
        return existing("example.exploded");
    }

    static Path payaraMicroJar() {
        return existing("payara.micro.jar");
    }

    static Path postgresqlJar() {
        return existing("postgresql.jar");
    }

    static Path work() {
        return Paths.get(System.getProperty("example.work", "target/payara"));
    }

    static Path screenshots() {
        return Paths.get(System.getProperty("example.screenshots", "target/screenshots"));
    }

    /** The test database: {@code RC_TEST_JDBC_URL}, for example {@code jdbc:postgresql://127.0.0.1:5432/rc_test?user=postgres}. */
    static String jdbcUrl() {
        String url = System.getenv(JDBC_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new AssertionError(JDBC_URL_VARIABLE + " is not set: the example's integration tests need PostgreSQL, e.g. "
                    + JDBC_URL_VARIABLE + "='jdbc:postgresql://127.0.0.1:5432/rc_test?user=postgres' (bash .ci/run sets it up)");
        }
        return url.strip();
    }

    /** A namespace of this run's own: {@code it-<label>-<time>-<random>}. */
    static String scratchNamespace(String label) {
        return "it-" + label + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    /**
     * The asadmin commands creating the pool and the resource {@value #DATASOURCE}: the ones
     * docs/servers.md shows (its {@code asadmin} block), with the test database's URL in place of the
     * example's, so that what the documentation tells users is what every Payara test runs.
     */
    static List<String> postBootCommands() {
        Path page = Paths.get(System.getProperty("docs.dir", "../docs")).resolve("servers.md");
        List<String> lines;
        try {
            lines = Files.readAllLines(page);
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + page + ", where the Payara commands are documented", e);
        }
        int start = indexOf(lines, "```asadmin", 0, page);
        int end = indexOf(lines, "```", start + 1, page);
        List<String> commands = lines.subList(start + 1, end).stream()
                .map(String::strip)
                .map(command -> command.replaceFirst("--property url=\\S+", "--property url="
                        + java.util.regex.Matcher.quoteReplacement(asadminValue(jdbcUrl()))))
                .toList();
        if (commands.size() != 2 || !commands.get(1).endsWith(" " + DATASOURCE)) {
            throw new AssertionError(page + ": the asadmin block should create a pool and the resource " + DATASOURCE
                    + ", has " + commands);
        }
        return commands;
    }

    private static int indexOf(List<String> lines, String fence, int from, Path page) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(fence)) {
                return i;
            }
        }
        throw new AssertionError(page + " has no " + fence + " line after line " + from);
    }

    /** A property value for asadmin's {@code name=value:name=value} syntax: ':' and '=' escaped. */
    static String asadminValue(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    /** Removes the namespace's rows (tables that do not exist are skipped). */
    static void dropNamespace(String namespace) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl())) {
            for (String table : List.of("rc_circuit_breakers", "rc_breaker_windows", "rc_breaker_votes")) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE namespace = ?")) {
                    delete.setString(1, namespace);
                    delete.executeUpdate();
                } catch (SQLException missingTable) {
                    // nothing to remove
                }
            }
        } catch (SQLException e) {
            System.err.println("could not remove the rows of namespace " + namespace + ": " + e);
        }
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new AssertionError("system property " + property + " is not set: run the tests through Maven (./mvnw verify)");
        }
        Path path = Paths.get(value);
        if (!Files.exists(path)) {
            throw new AssertionError(property + " names " + path + ", which does not exist");
        }
        return path;
    }
}
