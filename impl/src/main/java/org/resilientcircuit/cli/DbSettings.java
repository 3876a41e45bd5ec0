package org.resilientcircuit.cli;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.postgresql.Driver;

/**
 * Where the command line connects: a {@code --url}, or the ancestor's {@code RC_DB_*} variables
 * from the environment or, for each variable the environment does not set, from {@code .env} in the
 * working directory.
 *
 * <p>The password never appears in {@link #describe()} or {@link #toString()}. With {@code --url}
 * the password is the URL's {@code password} parameter, else {@code RC_DB_PASSWORD}, else whatever
 * the driver finds itself ({@code ~/.pgpass}).
 */
public final class DbSettings {

    public static final String HOST = "RC_DB_HOST";
    public static final String PORT = "RC_DB_PORT";
    public static final String NAME = "RC_DB_NAME";
    public static final String USER = "RC_DB_USER";
    public static final String PASSWORD = "RC_DB_PASSWORD";

    static final String DEFAULT_PORT = "5432";
    static final String DEFAULT_NAME = "resilient_circuit_db";
    static final String DEFAULT_USER = "postgres";
    private static final String CONNECT_TIMEOUT_SECONDS = "10";

    private final String jdbcUrl;
    private final String host;
    private final String port;
    private final String database;
    private final String user;
    private final String password;
    private final String source;

    private DbSettings(String jdbcUrl, String host, String port, String database, String user, String password,
            String source) {
        this.jdbcUrl = jdbcUrl;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.source = source;
    }

    /**
     * The settings for this command line: {@code url} (the {@code --url} option, may be null) wins;
     * else the {@code RC_DB_*} variables, each from {@code env} or else from {@code workDir/.env}.
     *
     * @throws UsageException when {@code url} is not a PostgreSQL JDBC URL
     * @throws SettingsException when there is no URL and no {@code RC_DB_HOST}, or a value is invalid
     */
    public static DbSettings resolve(String url, Map<String, String> env, Path workDir)
            throws UsageException, SettingsException {
        Path dotEnvFile = workDir.resolve(DotEnv.FILE_NAME);
        Map<String, String> dotEnv;
        try {
            dotEnv = DotEnv.read(dotEnvFile);
        } catch (UncheckedIOException e) {
            throw new SettingsException(e.getMessage());
        }
        return url != null ? fromUrl(url, env, dotEnv) : fromVariables(env, dotEnv, dotEnvFile);
    }

    private static DbSettings fromUrl(String url, Map<String, String> env, Map<String, String> dotEnv)
            throws UsageException {
        Properties parsed = url.startsWith("jdbc:postgresql:") ? Driver.parseURL(url, null) : null;
        if (parsed == null) {
            throw new UsageException("--url is not a PostgreSQL JDBC URL;"
                    + " expected jdbc:postgresql://HOST[:PORT]/DATABASE[?user=USER]");
        }
        String password = parsed.getProperty("password");
        String source = "--url";
        if (password == null && variable(PASSWORD, env, dotEnv) != null) {
            password = variable(PASSWORD, env, dotEnv);
            source = "--url, password from " + PASSWORD;
        }
        return new DbSettings(url, parsed.getProperty("PGHOST"), parsed.getProperty("PGPORT"),
                parsed.getProperty("PGDBNAME"), parsed.getProperty("user"), password, source);
    }

    private static DbSettings fromVariables(Map<String, String> env, Map<String, String> dotEnv, Path dotEnvFile)
            throws SettingsException {
        String host = variable(HOST, env, dotEnv);
        if (host == null) {
            throw new SettingsException("no database configured: set " + HOST + " (in the environment or in "
                    + dotEnvFile + ") or pass --url jdbc:postgresql://HOST:PORT/DATABASE?user=USER");
        }
        String port = orDefault(variable(PORT, env, dotEnv), DEFAULT_PORT);
        if (!isPort(port)) {
            throw new SettingsException(PORT + " must be a port number (1-65535), not '" + port + "'");
        }
        String database = orDefault(variable(NAME, env, dotEnv), DEFAULT_NAME);
        String user = orDefault(variable(USER, env, dotEnv), DEFAULT_USER);
        String password = variable(PASSWORD, env, dotEnv);
        String url = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8);
        return new DbSettings(url, host, port, database, user, password, sources(env, dotEnv, dotEnvFile));
    }

    /** The variable's value: the environment's unless blank, else the {@code .env} file's unless blank. */
    private static String variable(String name, Map<String, String> env, Map<String, String> dotEnv) {
        return isSet(env, name) ? env.get(name).strip() : isSet(dotEnv, name) ? dotEnv.get(name).strip() : null;
    }

    private static boolean isSet(Map<String, String> variables, String name) {
        String value = variables.get(name);
        return value != null && !value.isBlank();
    }

    private static String sources(Map<String, String> env, Map<String, String> dotEnv, Path dotEnvFile) {
        List<String> names = List.of(HOST, PORT, NAME, USER, PASSWORD);
        List<String> sources = new ArrayList<>();
        if (names.stream().anyMatch(name -> isSet(env, name))) {
            sources.add("environment");
        }
        if (names.stream().anyMatch(name -> !isSet(env, name) && isSet(dotEnv, name))) {
            sources.add(dotEnvFile.toString());
        }
        return String.join(" and ", sources);
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static boolean isPort(String port) {
        try {
            int number = Integer.parseInt(port);
            return number > 0 && number < 65536;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Opens a connection (10 s connect timeout unless the URL says otherwise). */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        properties.setProperty("ApplicationName", "resilient-circuit cli");
        if (user != null) { // parameters of the URL win over these properties
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String host() {
        return host;
    }

    public String port() {
        return port;
    }

    public String database() {
        return database;
    }

    /** The user name, or null when a {@code --url} names none (the driver then picks its default). */
    public String user() {
        return user;
    }

    /** Whether a password was given (its value is not exposed). */
    public boolean hasPassword() {
        return password != null;
    }

    /** Where the settings came from: {@code --url}, {@code environment}, the {@code .env} file's path. */
    public String source() {
        return source;
    }

    /** Host, port, database and user; never the password. */
    public String describe() {
        return "host " + host + ", port " + port + ", database " + database + ", user "
                + (user != null ? user : "(driver default)");
    }

    @Override
    public String toString() {
        return describe();
    }
}
