package org.resilientcircuit.connect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where and how to connect, in the PostgreSQL JDBC driver's terms, whichever form the settings had
 * (a JDBC URL, a libpq DSN, or host, port and name).
 *
 * <p>The password travels only in {@link #properties()}: {@link #jdbcUrl()} holds hosts and
 * database, never a parameter, and {@link #describe()} never shows it, so neither can leak it
 * into a log, a health report or a command's output.
 *
 * @param hosts one or more servers, tried in order (or by the driver's {@code targetServerType})
 * @param database the database name
 * @param user the user, or null for the driver's default (the operating system user)
 * @param password the password, or null (then the driver's {@code ~/.pgpass}, or none)
 * @param parameters every other driver parameter ({@code sslmode}, {@code targetServerType}, ...)
 */
public record DbTarget(List<HostPort> hosts, String database, String user, String password,
        Map<String, String> parameters) {

    public static final String SSLMODE = "sslmode";
    public static final String TARGET_SERVER_TYPE = "targetServerType";

    public DbTarget {
        hosts = List.copyOf(hosts);
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    /** {@code jdbc:postgresql://h1:5432,h2:5432/db}: hosts and database only, so it is safe to show. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostList() + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** What the driver gets next to {@link #jdbcUrl()}: the parameters, the user and the password. */
    public Properties properties() {
        Properties properties = new Properties();
        properties.putAll(parameters);
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /** {@code h1:5432,h2:5432}. */
    public String hostList() {
        return hosts.stream().map(HostPort::toString).collect(Collectors.joining(","));
    }

    /** The TLS mode the driver will use: {@code sslmode}, or what the driver does without it. */
    public String tlsMode() {
        String mode = parameters.get(SSLMODE);
        if (mode != null) {
            return mode;
        }
        // the driver's legacy ssl=true without sslmode verifies like verify-full
        return "true".equalsIgnoreCase(parameters.get("ssl")) ? "verify-full" : "prefer";
    }

    /** The driver's {@code targetServerType}, {@code any} when not set. */
    public String targetServerType() {
        return parameters.getOrDefault(TARGET_SERVER_TYPE, "any");
    }

    /** Hosts, database, user, TLS mode and target server type; never the password. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add((hosts.size() == 1 ? "host " : "hosts ") + hostList());
        parts.add("database " + database);
        parts.add("user " + (user != null ? user : "(driver default)"));
        String tls = tlsMode();
        String root = parameters.get("sslrootcert");
        parts.add("TLS " + tls + (tls.startsWith("verify") && root != null ? " with root certificate " + root
                : tls.equals("prefer") || tls.equals("allow") || tls.equals("require") ? " (server not verified)" : ""));
        parts.add("target server " + targetServerType());
        return String.join(", ", parts);
    }

    @Override
    public String toString() {
        return describe();
    }

    DbTarget withUser(String newUser) {
        return new DbTarget(hosts, database, newUser, password, parameters);
    }

    DbTarget withPassword(String newPassword) {
        return new DbTarget(hosts, database, user, newPassword, parameters);
    }

    DbTarget withParameters(Map<String, String> newParameters) {
        return new DbTarget(hosts, database, user, password, newParameters);
    }
}
