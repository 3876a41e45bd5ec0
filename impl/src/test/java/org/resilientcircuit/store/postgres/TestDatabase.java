package org.resilientcircuit.store.postgres;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL database of a test's own: a scratch database, uniquely named, created on the server
 * of {@code RC_TEST_JDBC_URL} and dropped by {@link #close()}; so tests never see each other's
 * tables, notifications or locks.
 *
 * <p>The server: {@code RC_TEST_JDBC_URL} (for example
 * {@code jdbc:postgresql://127.0.0.1:5432/rc_test?user=postgres}, a user that may create databases),
 * else one PostgreSQL container per JVM started with Testcontainers (needs Docker).
 *
 * <pre>{@code
 * private static TestDatabase db;
 *
 * @BeforeAll static void createDatabase() { db = TestDatabase.create(MyTest.class); }
 * @AfterAll static void dropDatabase() { db.close(); }
 * }</pre>
 *
 * No DataSource library is needed: {@link #dataSource()} is a small one over {@link DriverManager}.
 */
public final class TestDatabase implements AutoCloseable {

    /** The environment variable naming the test server. */
    public static final String URL_VARIABLE = "RC_TEST_JDBC_URL";

    /** The image Testcontainers starts when {@value #URL_VARIABLE} is not set. */
    static final String IMAGE = "postgres:15-alpine";

    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

    private final String name;
    private final String jdbcUrl;

    private TestDatabase(String name, String jdbcUrl) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
    }

    /** Creates a scratch database named after the test class. */
    public static TestDatabase create(Class<?> owner) {
        return create(owner.getSimpleName());
    }

    /** Creates a scratch database whose name starts with {@code rc_t_} and the label. */
    public static TestDatabase create(String label) {
        String base = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = "rc_t_" + base.substring(0, Math.min(base.length(), 30)) + "_"
                + ProcessHandle.current().pid() + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        String server = serverUrl();
        try (Connection admin = DriverManager.getConnection(server);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create scratch database " + name + " on " + server
                    + " (the user of " + URL_VARIABLE + " must be allowed to create databases)", e);
        }
        return new TestDatabase(name, withDatabase(server, name));
    }

    /** The JDBC URL of the test server's own database (not of a scratch database). */
    public static String serverUrl() {
        String url = System.getenv(URL_VARIABLE);
        return url != null && !url.isBlank() ? url.strip() : Container.url();
    }

    /** The same URL with another database name, keeping hosts and parameters. */
    static String withDatabase(String url, String database) {
        Matcher matcher = JDBC_URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(URL_VARIABLE + " is not a jdbc:postgresql:// URL");
        }
        return matcher.group(1) + "/" + database + (matcher.group(3) != null ? matcher.group(3) : "");
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of the scratch database, with the test server's user and parameters. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    public DataSource dataSource() {
        return new UrlDataSource(jdbcUrl);
    }

    /** The scratch database as another user (a role the test created), with its password. */
    public DataSource dataSourceAs(String user, String password) {
        Matcher matcher = JDBC_URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalStateException("not a jdbc:postgresql:// URL: " + jdbcUrl);
        }
        return new UrlDataSource(matcher.group(1) + matcher.group(2) + "?user=" + user + "&password=" + password);
    }

    /** Applies the store's schema script ({@link Schema#apply}), as {@code pg-setup --yes} does. */
    public void applySchema() {
        try (Connection connection = connect()) {
            Schema.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("in " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops everything in schema {@code public}: the database is as new. */
    public void reset() {
        execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    }

    /** Runs SQL (one or more statements) in one transaction. */
    public void execute(String sql) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("in " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops the scratch database, ending any connection still open to it. */
    @Override
    public void close() {
        try (Connection admin = DriverManager.getConnection(serverUrl())) {
            try (PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(pid)"
                    + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                terminate.setString(1, name);
                terminate.execute();
            }
            try (Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop scratch database " + name, e);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** One PostgreSQL container per JVM, started on first use; loaded only without RC_TEST_JDBC_URL. */
    private static final class Container {

        private static String url;

        static synchronized String url() {
            if (url == null) {
                PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
                try {
                    container.start();
                } catch (RuntimeException e) {
                    throw new IllegalStateException("no test database: set " + URL_VARIABLE
                            + " (e.g. jdbc:postgresql://127.0.0.1:5432/rc_test?user=postgres) or make Docker"
                            + " available to Testcontainers", e);
                }
                // stopped by Testcontainers' reaper when the JVM ends
                url = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                        + "user=" + container.getUsername() + "&password=" + container.getPassword();
            }
            return url;
        }
    }

    /** A DataSource over {@link DriverManager}: enough for tests and for code that wants a DataSource. */
    private static final class UrlDataSource implements DataSource {

        private final String url;
        private int loginTimeout;
        private PrintWriter logWriter;

        UrlDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        /** Not offered: the user of the URL would win over the one given here. */
        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("use getConnection(): the user is in " + url);
        }

        @Override
        public PrintWriter getLogWriter() {
            return logWriter;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            this.logWriter = out;
        }

        @Override
        public void setLoginTimeout(int seconds) {
            this.loginTimeout = seconds;
        }

        @Override
        public int getLoginTimeout() {
            return loginTimeout;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("not a wrapper for " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }

        @Override
        public String toString() {
            return "DataSource of " + url;
        }
    }
}
