package org.resilientcircuit.benchmarks.jmh;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server of the {@code postgres} benchmarks, given as one JDBC URL and handed to the
 * extension as the {@code rc.db.*} settings of its direct connection.
 *
 * @param url the JDBC URL as given (used for this class's own statements)
 * @param host host name or address
 * @param port port
 * @param database database name
 * @param user user name
 * @param password password, if the URL has one
 */
public record PostgresTarget(String url, String host, int port, String database, String user, Optional<String> password) {

    /** The environment variable of the server the benchmarks use; then {@value #TEST_VARIABLE}, then {@link #DEFAULT_URL}. */
    public static final String BENCH_VARIABLE = "RC_BENCH_JDBC_URL";
    public static final String TEST_VARIABLE = "RC_TEST_JDBC_URL";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private static final Pattern JDBC_URL = Pattern.compile(
            "^jdbc:postgresql://(\\[[^\\]]+\\]|[^/:?,\\[]+)(?::(\\d+))?(?:/([^?]*))?(?:\\?(.*))?$");

    /** The URL the benchmarks use: {@value #BENCH_VARIABLE}, else {@value #TEST_VARIABLE}, else {@link #DEFAULT_URL}. */
    public static String benchmarkUrl() {
        for (String variable : new String[] {BENCH_VARIABLE, TEST_VARIABLE}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return DEFAULT_URL;
    }

    /** Reads a {@code jdbc:postgresql://host[:port][/database][?user=...&password=...]} URL (one host). */
    public static PostgresTarget parse(String url) {
        Matcher matcher = JDBC_URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a single-host jdbc:postgresql://host[:port]/database URL: " + url);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (matcher.group(4) != null) {
            for (String pair : matcher.group(4).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    String key = eq < 0 ? pair : pair.substring(0, eq);
                    String value = eq < 0 ? "" : pair.substring(eq + 1);
                    parameters.put(key, URLDecoder.decode(value, StandardCharsets.UTF_8));
                }
            }
        }
        String host = matcher.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = matcher.group(2) != null ? Integer.parseInt(matcher.group(2)) : 5432;
        String user = parameters.getOrDefault("user", "postgres");
        String database = matcher.group(3) == null || matcher.group(3).isEmpty()
                ? user // as the driver does: the database named after the user
                : URLDecoder.decode(matcher.group(3), StandardCharsets.UTF_8);
        return new PostgresTarget(url, host, port, database, user, Optional.ofNullable(parameters.get("password")));
    }

    /** The extension's settings for this server. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("rc.db.host", host);
        settings.put("rc.db.port", Integer.toString(port));
        settings.put("rc.db.name", database);
        settings.put("rc.db.user", user);
        password.ifPresent(value -> settings.put("rc.db.password", value));
        return settings;
    }

    /** What this server holds for one breaker of a namespace: its state column, if it has a row. */
    public Optional<String> state(String namespace, String key) {
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement select = connection.prepareStatement(
                        "SELECT state FROM rc_circuit_breakers WHERE namespace = ? AND resource_key = ?")) {
            select.setString(1, namespace);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read breaker " + key + " of namespace " + namespace + " at "
                    + host + ":" + port + "/" + database + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the rows of a benchmark's scratch namespace. */
    public int deleteNamespace(String namespace) {
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM rc_circuit_breakers WHERE namespace = ?")) {
            delete.setString(1, namespace);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete namespace " + namespace + " at " + host + ":" + port + "/"
                    + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PostgresTarget[" + user + "@" + host + ":" + port + "/" + database + "]"; // never the password
    }
}
