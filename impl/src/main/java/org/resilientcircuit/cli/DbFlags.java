package org.resilientcircuit.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.resilientcircuit.connect.DbKey;

/**
 * The connection options every command shares: {@code --url}, {@code --dsn} and the TLS files and
 * mode. A password has no option on purpose: a command line is visible to every user of the
 * machine ({@code ps}); it goes in {@code RC_DB_PASSWORD}, {@code .env}, {@code ~/.pgpass}, or the
 * URL or DSN in {@code RC_DB_URL}/{@code RC_DB_DSN}.
 */
final class DbFlags {

    /** The options, in the order of the usage text. */
    static final List<DbKey> KEYS = List.of(DbKey.URL, DbKey.DSN, DbKey.SSLMODE, DbKey.SSLROOTCERT, DbKey.SSLCERT,
            DbKey.SSLKEY);

    static final String USAGE = """
              --url JDBC_URL  connect to this database, any PostgreSQL JDBC driver parameter allowed, e.g.
                              jdbc:postgresql://db1:5432,db2:5432/resilient_circuit_db?user=app&targetServerType=primary
              --dsn DSN       or a libpq connection string, URI or keyword=value, e.g.
                              'postgresql://app@db1,db2/resilient_circuit_db?target_session_attrs=read-write'
              --sslmode MODE  disable, allow, prefer, require, verify-ca or verify-full
              --sslrootcert FILE, --sslcert FILE, --sslkey FILE
                              CA certificate(s) to verify the server; client certificate and key
                              (key: PKCS-8 DER .pk8 or PKCS-12 .p12; PEM is refused with the command that converts it)
            """;

    private final Map<DbKey, String> values = new EnumMap<>(DbKey.class);

    /** The option's name, {@code --sslmode}. */
    static String option(DbKey key) {
        return "--" + key.name().toLowerCase(Locale.ROOT);
    }

    /** The key of a connection option, or null when {@code option} is none. */
    static DbKey keyOf(String option) {
        return KEYS.stream().filter(key -> option(key).equals(option)).findFirst().orElse(null);
    }

    static DbFlags of(Map<DbKey, String> given) {
        DbFlags flags = new DbFlags();
        flags.values.putAll(given);
        return flags;
    }

    void set(DbKey key, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("option '" + option(key) + "' needs a value");
        }
        values.put(key, value);
    }

    String get(DbKey key) {
        return values.get(key);
    }
}
