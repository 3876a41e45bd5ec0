package org.resilientcircuit.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * libpq's keywords (from {@link LibpqDsn}) in the PostgreSQL JDBC driver's terms. What the driver
 * cannot do is refused with the keyword named, rather than dropped: a setting that silently does
 * nothing (a CRL, a keepalive interval) is worse than a deployment that says so.
 */
final class LibpqTranslation {

    /** Same name, same meaning in the driver. */
    private static final Set<String> SAME = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword",
            "options");
    /** Same meaning, the driver's name. */
    private static final Map<String, String> RENAMED = Map.of(
            "connect_timeout", "connectTimeout",
            "application_name", "ApplicationName",
            "gssencmode", "gssEncMode",
            "channel_binding", "channelBinding",
            "krbsrvname", "kerberosServerName",
            "sslnegotiation", "sslNegotiation");
    /** Handled on their own below. */
    private static final Set<String> SPECIAL = Set.of("host", "port", "dbname", "user", "password",
            "target_session_attrs", "fallback_application_name", "keepalives", "load_balance_hosts",
            "client_encoding", "sslsni");
    /** libpq keywords the driver has no equivalent for. */
    private static final Set<String> UNSUPPORTED = Set.of("hostaddr", "passfile", "service", "require_auth",
            "sslcrl", "sslcrldir", "sslcompression", "sslcertmode", "ssl_min_protocol_version",
            "ssl_max_protocol_version", "requirepeer", "keepalives_idle", "keepalives_interval", "keepalives_count",
            "tcp_user_timeout", "replication", "gsslib", "gssdelegation", "requiressl");

    private LibpqTranslation() {
    }

    static DbTarget translate(Map<String, String> keywords, String key) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : keywords.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue();
            if (SAME.contains(name)) {
                parameters.put(name, value);
            } else if (RENAMED.containsKey(name)) {
                parameters.put(RENAMED.get(name), value);
            } else if (UNSUPPORTED.contains(name)) {
                throw new DbSettingException(key + ": libpq parameter " + name
                        + " has no equivalent in the PostgreSQL JDBC driver; remove it");
            } else if (!SPECIAL.contains(name)) {
                throw new DbSettingException(key + ": unknown libpq parameter " + name);
            }
        }
        special(keywords, parameters, key);
        if (parameters.containsKey("connectTimeout")) {
            seconds(parameters.get("connectTimeout"), key, "connect_timeout");
        }
        String database = keywords.get("dbname");
        if (database == null || database.isEmpty()) {
            throw new DbSettingException(key + " names no database: add dbname=... (or /DATABASE to a URI)");
        }
        return new DbTarget(hosts(keywords, key), database, keywords.get("user"), keywords.get("password"), parameters);
    }

    private static void special(Map<String, String> keywords, Map<String, String> parameters, String key) {
        if (keywords.containsKey("target_session_attrs")) {
            parameters.put(DbTarget.TARGET_SERVER_TYPE, targetServerType(keywords.get("target_session_attrs"), key));
        }
        if (keywords.containsKey("fallback_application_name")) {
            parameters.putIfAbsent("ApplicationName", keywords.get("fallback_application_name"));
        }
        if (keywords.containsKey("keepalives")) {
            parameters.put("tcpKeepAlive", Boolean.toString(!keywords.get("keepalives").strip().equals("0")));
        }
        String balance = keywords.get("load_balance_hosts");
        if (balance != null) {
            if (!balance.equals("disable") && !balance.equals("random")) {
                throw new DbSettingException(key + ": load_balance_hosts must be disable or random, was '" + balance + "'");
            }
            parameters.put("loadBalanceHosts", Boolean.toString(balance.equals("random")));
        }
        String encoding = keywords.get("client_encoding");
        if (encoding != null && !encoding.replace("-", "").equalsIgnoreCase("UTF8")) {
            throw new DbSettingException(key + ": client_encoding=" + encoding
                    + " is not possible: the PostgreSQL JDBC driver always uses UTF8");
        }
        if ("0".equals(keywords.get("sslsni"))) {
            throw new DbSettingException(key + ": sslsni=0 has no equivalent: the JDBC driver always sends the host name");
        }
    }

    /** libpq's {@code target_session_attrs} as the driver's {@code targetServerType}. */
    static String targetServerType(String attrs, String key) {
        return switch (attrs.strip().toLowerCase(Locale.ROOT)) {
            case "read-write", "primary" -> "primary";
            case "any" -> "any";
            case "prefer-standby", "standby", "read-only" -> throw new DbSettingException(key + ": target_session_attrs="
                    + attrs + " would connect the store to a read-only standby, but the store writes every"
                    + " transition; use read-write (or primary) with a host list that includes the primary, or any");
            default -> throw new DbSettingException(key + ": target_session_attrs must be any, read-write, primary,"
                    + " read-only, standby or prefer-standby, was '" + attrs + "'");
        };
    }

    /** {@code host} and {@code port} lists: one port for all hosts, or one per host (empty: 5432). */
    private static List<HostPort> hosts(Map<String, String> keywords, String key) {
        String[] names = keywords.getOrDefault("host", "localhost").split(",", -1);
        String[] ports = keywords.getOrDefault("port", "").split(",", -1);
        if (ports.length != 1 && ports.length != names.length) {
            throw new DbSettingException(key + ": " + names.length + " hosts but " + ports.length
                    + " ports; give one port for all hosts or one per host");
        }
        List<HostPort> hosts = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String host = names[i].strip();
            if (host.isEmpty() || host.startsWith("/")) {
                throw new DbSettingException(key + ": host " + (i + 1) + (host.isEmpty() ? " is empty"
                        : " is a Unix-domain socket directory, which the JDBC driver cannot use; give a host name"));
            }
            String port = ports.length == 1 ? ports[0] : ports[i];
            hosts.add(new HostPort(host, port.isBlank() ? JdbcUrl.DEFAULT_PORT : HostPort.portInList(port, key)));
        }
        return hosts;
    }

    static void seconds(String value, String key, String name) {
        try {
            if (Integer.parseInt(value.strip()) >= 0) {
                return;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new DbSettingException(key + ": " + name + " must be a whole number of seconds >= 0, was '" + value + "'");
    }
}
