package org.resilientcircuit.connect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a libpq connection string, in either of its forms, into libpq's keywords (as psycopg, and so
 * the Python ancestor's {@code RC_DB_DSN}, accepts them):
 * <ul>
 *   <li>a URI, {@code postgresql://[user[:password]@][host[:port][,host[:port]...]][/dbname][?keyword=value&...]}
 *       (also {@code postgres://}), percent-decoded; its host list becomes {@code host} and {@code port}
 *       lists as in libpq;</li>
 *   <li>{@code keyword=value} pairs separated by spaces; a value in single quotes may hold spaces,
 *       {@code \'} and {@code \\}.</li>
 * </ul>
 * Error messages never quote the DSN: it may hold a password.
 */
final class LibpqDsn {

    private LibpqDsn() {
    }

    static Map<String, String> parse(String dsn, String key) {
        String text = dsn.strip();
        if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
            return uri(text.substring(text.indexOf("://") + 3), key);
        }
        if (text.contains("://")) {
            throw new DbSettingException(key + " is neither a postgresql:// URI nor keyword=value pairs"
                    + " (a JDBC URL goes into " + key.replace("dsn", "url").replace("DSN", "URL") + ")");
        }
        return keywords(text, key);
    }

    private static Map<String, String> uri(String rest, String key) {
        Map<String, String> keywords = new LinkedHashMap<>();
        int query = rest.indexOf('?');
        String beforeQuery = query < 0 ? rest : rest.substring(0, query);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        if (slash >= 0 && slash < beforeQuery.length() - 1) {
            keywords.put("dbname", decode(beforeQuery.substring(slash + 1), key));
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            keywords.put("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon), key));
            if (colon >= 0) {
                keywords.put("password", decode(userInfo.substring(colon + 1), key));
            }
            authority = authority.substring(at + 1);
        }
        if (!authority.isEmpty()) {
            StringBuilder hosts = new StringBuilder();
            StringBuilder ports = new StringBuilder();
            for (String spec : authority.split(",", -1)) {
                HostPort hostPort = JdbcUrl.hostPort(decode(spec, key), key);
                hosts.append(hosts.length() > 0 ? "," : "").append(hostPort.host());
                ports.append(ports.length() > 0 ? "," : "").append(hostPort.port());
            }
            keywords.put("host", hosts.toString());
            keywords.put("port", ports.toString());
        }
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new DbSettingException(key + ": URI parameter '" + decode(pair, key) + "' has no value");
                }
                keywords.put(decode(pair.substring(0, eq), key), decode(pair.substring(eq + 1), key));
            }
        }
        return keywords;
    }

    private static Map<String, String> keywords(String text, String key) {
        Map<String, String> keywords = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i == text.length()) {
                break;
            }
            int eq = text.indexOf('=', i);
            String name = eq < 0 ? text.substring(i).strip() : text.substring(i, eq).strip();
            if (eq < 0 || name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                // no quote of the text: it may be a password typed without its keyword
                throw new DbSettingException(key + ": expected keyword=value pairs, found a word without '='"
                        + " at character " + (i + 1));
            }
            i = eq + 1;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            boolean quoted = i < text.length() && text.charAt(i) == '\'';
            i = quoted ? i + 1 : i;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted ? c == '\'' : Character.isWhitespace(c)) {
                    break;
                }
                if (c == '\\' && i + 1 < text.length()) {
                    c = text.charAt(++i);
                }
                value.append(c);
            }
            if (quoted && i >= text.length()) {
                throw new DbSettingException(key + ": the value of " + name + " has no closing quote");
            }
            i = quoted ? i + 1 : i;
            keywords.put(name, value.toString());
        }
        return keywords;
    }

    /** libpq's percent-decoding: {@code %XX} only; a {@code +} stays a plus. */
    private static String decode(String text, String key) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw new DbSettingException(key + ": malformed %-escape in the URI");
                }
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
