package org.resilientcircuit.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.resilientcircuit.connect.DbInput;
import org.resilientcircuit.connect.DbKey;
import org.resilientcircuit.connect.DbSettingException;
import org.resilientcircuit.connect.DbTarget;
import org.resilientcircuit.connect.DbTargets;

/**
 * Where the command line connects: the connection options ({@link DbFlags}), else the ancestor's
 * {@code RC_DB_*} variables from the environment or, for each variable the environment does not
 * set, from {@code .env} in the working directory. The forms and their order are the
 * application's ({@link DbTargets}): {@code --url}/{@code RC_DB_URL}, {@code --dsn}/{@code RC_DB_DSN},
 * {@code RC_DB_HOST} with {@code RC_DB_PORT}, {@code RC_DB_NAME}; then {@code RC_DB_USER} and
 * {@code RC_DB_PASSWORD} where the form names none, and the TLS settings on top.
 *
 * <p>The password never appears in {@link #describe()}, {@link #where()}, {@link #jdbcUrl()} or
 * {@link #toString()}, whichever way it was given.
 */
public final class DbSettings {

    public static final String HOST = DbKey.HOST.variable();
    public static final String PORT = DbKey.PORT.variable();
    public static final String NAME = DbKey.NAME.variable();
    public static final String USER = DbKey.USER.variable();
    public static final String PASSWORD = DbKey.PASSWORD.variable();

    private static final String CONNECT_TIMEOUT_SECONDS = "10";

    private final DbTarget target;
    private final String source;

    private DbSettings(DbTarget target, String source) {
        this.target = target;
        this.source = source;
    }

    /** As {@link #from(DbFlags, Map, Path)} with {@code --url} alone (null: none). */
    public static DbSettings resolve(String url, Map<String, String> env, Path workDir)
            throws UsageException, SettingsException {
        return from(DbFlags.of(url == null ? Map.of() : Map.of(DbKey.URL, url)), env, workDir);
    }

    /**
     * The settings for this command line.
     *
     * @throws UsageException when an option's value is wrong
     * @throws SettingsException when nothing names a database, or a variable's value is wrong
     */
    static DbSettings from(DbFlags flags, Map<String, String> env, Path workDir)
            throws UsageException, SettingsException {
        Path dotEnvFile = workDir.resolve(DotEnv.FILE_NAME);
        Map<String, String> dotEnv;
        try {
            dotEnv = DotEnv.read(dotEnvFile);
        } catch (UncheckedIOException e) {
            throw new SettingsException(e.getMessage());
        }
        Map<DbKey, String> values = new EnumMap<>(DbKey.class);
        Map<DbKey, String> origins = new EnumMap<>(DbKey.class);
        boolean formByFlag = flags.get(DbKey.URL) != null || flags.get(DbKey.DSN) != null;
        for (DbKey key : DbKey.values()) {
            boolean formKey = key == DbKey.URL || key == DbKey.DSN;
            if (flags.get(key) != null) {
                values.put(key, flags.get(key));
                origins.put(key, DbFlags.option(key));
            } else if (formKey && formByFlag) {
                continue; // --url or --dsn wins over RC_DB_URL and RC_DB_DSN
            } else if (isSet(env, key.variable())) {
                values.put(key, env.get(key.variable()).strip());
                origins.put(key, "environment");
            } else if (isSet(dotEnv, key.variable())) {
                values.put(key, dotEnv.get(key.variable()).strip());
                origins.put(key, dotEnvFile.toString());
            }
        }
        DbInput input = new DbInput(values, key -> origins.containsKey(key) && origins.get(key).startsWith("--")
                ? origins.get(key)
                : key.variable() + (origins.containsKey(key) && !origins.get(key).equals("environment")
                        ? " in " + origins.get(key) : ""));
        DbTarget target;
        try {
            target = DbTargets.resolve(input).orElseThrow(() -> new SettingsException("no database configured: set "
                    + DbKey.HOST.variable() + ", " + DbKey.URL.variable() + " or " + DbKey.DSN.variable()
                    + " (in the environment or in " + dotEnvFile + "), or pass --url jdbc:postgresql://HOST:PORT/DATABASE?user=USER"
                    + " or --dsn 'host=HOST dbname=DATABASE user=USER'"));
        } catch (DbSettingException wrong) {
            // the message starts with the setting at fault: an option is a usage error (exit 2)
            if (wrong.getMessage().startsWith("--")) {
                throw new UsageException(wrong.getMessage());
            }
            throw new SettingsException(wrong.getMessage());
        }
        return new DbSettings(target, sources(origins, input.used()));
    }

    /** Where the settings that went into the connection came from: options, then the environment, then {@code .env}. */
    private static String sources(Map<DbKey, String> origins, Set<DbKey> used) {
        Set<String> sources = new LinkedHashSet<>();
        origins.entrySet().stream()
                .filter(entry -> used.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .sorted((a, b) -> Integer.compare(rank(a), rank(b)))
                .forEach(sources::add);
        return String.join(" and ", sources);
    }

    private static int rank(String origin) {
        return origin.startsWith("--") ? 0 : origin.equals("environment") ? 1 : 2;
    }

    private static boolean isSet(Map<String, String> variables, String name) {
        String value = variables.get(name);
        return value != null && !value.isBlank();
    }

    /** Opens a connection (10 s connect timeout unless the settings say otherwise). */
    public Connection connect() throws SQLException {
        Properties properties = target.properties();
        properties.putIfAbsent("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        properties.putIfAbsent("ApplicationName", "resilient-circuit cli");
        return DriverManager.getConnection(target.jdbcUrl(), properties);
    }

    /** Hosts and database only: no parameter, no password. */
    public String jdbcUrl() {
        return target.jdbcUrl();
    }

    public String database() {
        return target.database();
    }

    /** The user name, or null when the settings name none (the driver then picks its default). */
    public String user() {
        return target.user();
    }

    /** Whether a password was given (its value is not exposed). */
    public boolean hasPassword() {
        return target.password() != null;
    }

    /** {@code h1:5432,h2:5432/db}: for messages about the connection. */
    public String where() {
        return target.hostList() + "/" + target.database();
    }

    /** {@code h1:5432,h2:5432}. */
    public String hosts() {
        return target.hostList();
    }

    /** Where the settings came from: options, {@code environment}, the {@code .env} file's path. */
    public String source() {
        return source;
    }

    /** Hosts, database, user, TLS mode and target server type; never the password. */
    public String describe() {
        return target.describe();
    }

    @Override
    public String toString() {
        return describe();
    }
}
