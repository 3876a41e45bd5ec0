package org.resilientcircuit.connect;

import java.util.Locale;

/**
 * The settings that say where and how the store connects. Their MicroProfile Config keys are
 * {@code rc.db.<name>} and, as MicroProfile Config maps environment variables, the Python
 * ancestor's {@code RC_DB_<NAME>} variables set them unchanged.
 */
public enum DbKey {
    URL, DSN, HOST, PORT, NAME, USER, PASSWORD, SSLMODE, SSLROOTCERT, SSLCERT, SSLKEY, SSLPASSWORD;

    /** {@code rc.db.sslmode}: the MicroProfile Config key. */
    public String property() {
        return "rc.db." + name().toLowerCase(Locale.ROOT);
    }

    /** {@code RC_DB_SSLMODE}: the environment variable (and {@code .env} line) of the command line. */
    public String variable() {
        return "RC_DB_" + name();
    }
}
