package org.resilientcircuit.cdi;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.resilientcircuit.connect.DbTarget;

/**
 * Connections for {@code rc.db.*}: the URL holds hosts and database only, every parameter (the
 * password too) travels in the properties. The store holds two long-lived connections, so it needs no pool.
 * Connect and socket timeouts keep a dead network from holding the store's threads forever.
 */
final class DriverManagerDataSource implements DataSource {

    private final DbTarget target;
    private final String url;
    private final Properties properties = new Properties();

    DriverManagerDataSource(DbTarget target, long timeoutMillis) {
        this.target = target;
        this.url = target.jdbcUrl();
        properties.putAll(target.properties());
        long seconds = Math.max(1, (timeoutMillis + 999) / 1000);
        // defaults: what the settings say (connect_timeout, keepalives) wins; the store names its sessions
        // itself unless the settings give an application_name (session.sql)
        properties.putIfAbsent("connectTimeout", Long.toString(seconds));
        properties.putIfAbsent("tcpKeepAlive", "true");
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException failure) {
            throw TlsFailures.explain(failure, target);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties other = new Properties();
        other.putAll(properties);
        other.setProperty("user", username);
        other.setProperty("password", password);
        return DriverManager.getConnection(url, other);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // fixed by connectTimeout
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
