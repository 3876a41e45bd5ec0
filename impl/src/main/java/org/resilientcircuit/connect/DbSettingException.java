package org.resilientcircuit.connect;

/**
 * A connection setting is wrong. The message starts with the key the user set (such as
 * {@code rc.db.dsn} or {@code RC_DB_SSLKEY}) and never contains a password.
 */
public final class DbSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public DbSettingException(String message) {
        super(message);
    }
}
