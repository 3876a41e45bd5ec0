package org.resilientcircuit.connect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a PostgreSQL JDBC URL, {@code jdbc:postgresql://h1[:p1][,h2[:p2]...]/db[?name=value&...]},
 * the way the driver does (its parameters percent-decoded, a host without port on 5432), without
 * needing the driver on the class path. Also accepted, because people paste it from libpq: a
 * {@code user[:password]@} before the hosts, which the driver itself would not understand.
 *
 * <p>Error messages never quote the URL: it may hold a password.
 */
final class JdbcUrl {

    static final String PREFIX = "jdbc:postgresql://";
    static final int DEFAULT_PORT = 5432;

    private JdbcUrl() {
    }

    static DbTarget parse(String url, String key) {
        String text = url.strip();
        if (!text.startsWith(PREFIX)) {
            throw malformed(key, "it must start with " + PREFIX);
        }
        String rest = text.substring(PREFIX.length());
        int query = rest.indexOf('?');
        Map<String, String> parameters = query < 0 ? new LinkedHashMap<>() : parameters(rest.substring(query + 1), key);
        String authorityAndPath = query < 0 ? rest : rest.substring(0, query);
        int slash = authorityAndPath.indexOf('/');
        if (slash < 0 || slash == authorityAndPath.length() - 1) {
            throw malformed(key, "it names no database after the hosts");
        }
        String database = decode(authorityAndPath.substring(slash + 1), key);
        String authority = authorityAndPath.substring(0, slash);
        String user = parameters.remove("user");
        String password = parameters.remove("password");
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), key);
            password = colon < 0 ? password : decode(userInfo.substring(colon + 1), key);
        }
        return new DbTarget(hosts(authority, key), database, user, password, parameters);
    }

    private static List<HostPort> hosts(String authority, String key) {
        if (authority.isEmpty()) {
            throw malformed(key, "it names no host");
        }
        List<HostPort> hosts = new ArrayList<>();
        for (String spec : authority.split(",", -1)) {
            hosts.add(hostPort(spec, key));
        }
        return hosts;
    }

    /** {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port}. */
    static HostPort hostPort(String spec, String key) {
        String host = spec;
        String port = null;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0) {
                throw malformed(key, "an IPv6 address has no closing ]");
            }
            host = spec.substring(1, close);
            String after = spec.substring(close + 1);
            if (after.startsWith(":")) {
                port = after.substring(1);
            } else if (!after.isEmpty()) {
                throw malformed(key, "unexpected text after an IPv6 address");
            }
        } else if (spec.indexOf(':') >= 0) {
            host = spec.substring(0, spec.indexOf(':'));
            port = spec.substring(spec.indexOf(':') + 1);
        }
        if (host.isBlank()) {
            throw malformed(key, "a host in the host list is empty");
        }
        return new HostPort(host, port == null || port.isEmpty() ? DEFAULT_PORT : HostPort.portInList(port, key));
    }

    private static Map<String, String> parameters(String query, String key) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), key);
            parameters.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1), key));
        }
        return parameters;
    }

    private static String decode(String text, String key) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            throw malformed(key, "it has a malformed %-escape");
        }
    }

    private static DbSettingException malformed(String key, String why) {
        return new DbSettingException(key + " is not a PostgreSQL JDBC URL: " + why + "; expected "
                + PREFIX + "HOST[:PORT][,HOST2[:PORT2]...]/DATABASE[?PARAMETER=VALUE&...]");
    }
}
