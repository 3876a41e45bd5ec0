package org.resilientcircuit.connect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the connection settings into one {@link DbTarget}, whichever form they take, checking every
 * one on the way. The form, first found wins: {@code url} (a JDBC URL, the driver's parameters),
 * {@code dsn} (libpq's, translated), {@code host} with {@code port} and {@code name}. {@code url}
 * and {@code dsn} together are refused: two complete answers to one question. Then, on top of any
 * form: {@code user} and {@code password} where the form named none, and every {@code ssl*} setting.
 */
public final class DbTargets {

    static final String DEFAULT_DATABASE = "resilient_circuit_db";
    static final String DEFAULT_USER = "postgres";

    private static final Set<String> WRITABLE = Set.of("any", "primary", "master", "preferPrimary");
    private static final Set<String> READ_ONLY = Set.of("secondary", "slave", "preferSecondary", "preferSlave");
    private static final Map<DbKey, String> TLS_KEYS = Map.of(DbKey.SSLMODE, "sslmode", DbKey.SSLROOTCERT,
            "sslrootcert", DbKey.SSLCERT, "sslcert", DbKey.SSLKEY, "sslkey", DbKey.SSLPASSWORD, "sslpassword");

    private DbTargets() {
    }

    /** The target, or empty when none of url, dsn and host is given. */
    public static Optional<DbTarget> resolve(DbInput input) {
        if (input.has(DbKey.URL) && input.has(DbKey.DSN)) {
            throw new DbSettingException(input.name(DbKey.URL) + " and " + input.name(DbKey.DSN)
                    + " are both set: set one of them (both say everything about the connection)");
        }
        if (input.has(DbKey.PORT)) {
            HostPort.port(input.peek(DbKey.PORT).get(), input.name(DbKey.PORT));
        }
        Optional<DbTarget> form = form(input);
        if (form.isEmpty()) {
            return form;
        }
        DbTarget target = form.get();
        if (target.user() == null && input.has(DbKey.USER)) {
            target = target.withUser(input.value(DbKey.USER).get());
        }
        if (target.password() == null && input.has(DbKey.PASSWORD)) {
            target = target.withPassword(input.value(DbKey.PASSWORD).get());
        }
        return Optional.of(withTls(target, input));
    }

    private static Optional<DbTarget> form(DbInput input) {
        if (input.has(DbKey.URL)) {
            String key = input.name(DbKey.URL);
            DbTarget target = JdbcUrl.parse(input.value(DbKey.URL).get(), key);
            checkDriverParameters(target.parameters(), key);
            return Optional.of(target.withParameters(Tls.libpqRules(target.parameters(), key, false)));
        }
        if (input.has(DbKey.DSN)) {
            String key = input.name(DbKey.DSN);
            DbTarget target = LibpqTranslation.translate(LibpqDsn.parse(input.value(DbKey.DSN).get(), key), key);
            Tls.check(target.parameters(), key);
            return Optional.of(target.withParameters(Tls.libpqRules(target.parameters(), key, true)));
        }
        if (input.has(DbKey.HOST)) {
            String host = input.value(DbKey.HOST).get().strip();
            int port = HostPort.port(input.value(DbKey.PORT).orElse("5432"), input.name(DbKey.PORT));
            return Optional.of(new DbTarget(List.of(new HostPort(host, port)),
                    input.value(DbKey.NAME).orElse(DEFAULT_DATABASE), input.value(DbKey.USER).orElse(DEFAULT_USER),
                    null, Map.of()));
        }
        return Optional.empty();
    }

    private static void checkDriverParameters(Map<String, String> parameters, String key) {
        Tls.check(parameters, key);
        String type = parameters.get(DbTarget.TARGET_SERVER_TYPE);
        if (type != null && READ_ONLY.contains(type)) {
            throw new DbSettingException(key + ": targetServerType=" + type + " would connect the store to a read-only"
                    + " standby, but the store writes every transition; use primary (with every host of the cluster"
                    + " in the host list) or any");
        }
        if (type != null && !WRITABLE.contains(type)) {
            throw new DbSettingException(key + ": targetServerType must be any, primary or preferPrimary, was '" + type + "'");
        }
        if (parameters.containsKey("connectTimeout")) {
            LibpqTranslation.seconds(parameters.get("connectTimeout"), key, "connectTimeout");
        }
    }

    /** The {@code ssl*} settings over whatever the form said, each checked under its own name. */
    private static DbTarget withTls(DbTarget target, DbInput input) {
        Map<String, String> parameters = new LinkedHashMap<>(target.parameters());
        boolean any = false;
        boolean modeOrRoot = input.has(DbKey.SSLMODE) || input.has(DbKey.SSLROOTCERT);
        for (Map.Entry<DbKey, String> tls : TLS_KEYS.entrySet()) {
            Optional<String> value = input.value(tls.getKey());
            if (value.isPresent()) {
                Tls.check(Map.of(tls.getValue(), value.get().strip()), input.name(tls.getKey()));
                parameters.put(tls.getValue(), value.get().strip());
                any = true;
            }
        }
        if (!any) {
            return target;
        }
        // the rc.db.ssl* settings are the Python ancestor's, so libpq's meaning: require with a root certificate verifies
        return target.withParameters(Tls.libpqRules(parameters, input.name(DbKey.SSLROOTCERT), modeOrRoot));
    }
}
