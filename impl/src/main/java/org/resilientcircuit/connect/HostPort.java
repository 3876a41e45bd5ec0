package org.resilientcircuit.connect;

/** One server of a connection: a host name or address and its port. */
public record HostPort(String host, int port) {

    /** {@code host:port}, an IPv6 address in brackets, as it is written in a URL. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** A port number, or an error naming {@code key} (what the user set) and quoting the value. */
    static int port(String text, String key) {
        return port(text, key, true);
    }

    /**
     * A port of a URL's or DSN's host list: the error does not quote it, since a password given
     * without its host ({@code user:secret/db}) lands where the port would be.
     */
    static int portInList(String text, String key) {
        return port(text, key, false);
    }

    private static int port(String text, String key, boolean quote) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new DbSettingException(key + ": " + (quote ? "port must be a number from 1 to 65535, was '" + text + "'"
                : "a port in the host list is not a number from 1 to 65535 (value not shown: it may be a password)"));
    }
}
