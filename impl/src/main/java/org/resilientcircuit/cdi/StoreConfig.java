package org.resilientcircuit.cdi;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.resilientcircuit.connect.DbInput;
import org.resilientcircuit.connect.DbKey;
import org.resilientcircuit.connect.DbTarget;
import org.resilientcircuit.connect.DbTargets;
import org.resilientcircuit.store.postgres.PostgresSettings;

/**
 * Every {@code rc.*} setting, read here and nowhere else. The names follow the Python ancestor, so
 * its environment variables ({@code RC_DB_HOST}, ...) work unchanged through MicroProfile Config.
 */
record StoreConfig(Optional<String> jndiName, Optional<DbTarget> connection, long probeLeaseMillis, boolean rejectionStackTrace, PostgresSettings postgres) {

    /** How long a prober owns the half-open state before another instance may take over. */
    static final long DEFAULT_PROBE_LEASE_MILLIS = 30_000;

    static StoreConfig read(Config config) {
        String propagation = config.getOptionalValue("rc.propagation", String.class).orElse("notify");
        if (!propagation.equals("notify") && !propagation.equals("poll")) {
            throw new IllegalArgumentException("rc.propagation must be notify or poll, was " + propagation);
        }
        String window = config.getOptionalValue("rc.window", String.class).orElse("local");
        if (!window.equals("local") && !window.equals("shared")) {
            throw new IllegalArgumentException("rc.window must be local or shared, was " + window);
        }
        int quorum = config.getOptionalValue("rc.quorum", Integer.class).orElse(1);
        if (quorum < 1) {
            throw new IllegalArgumentException("rc.quorum must be >= 1 (1: any instance opens the shared breaker), was "
                    + quorum);
        }
        String namespace = config.getOptionalValue("rc.namespace", String.class).orElse("");
        if (namespace.length() > 255 || namespace.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("rc.namespace must be at most 255 characters without control characters");
        }
        return new StoreConfig(
                config.getOptionalValue("rc.datasource", String.class),
                connection(config),
                positive(config, "rc.probe.lease", DEFAULT_PROBE_LEASE_MILLIS),
                config.getOptionalValue("rc.rejection.stacktrace", Boolean.class).orElse(false),
                new PostgresSettings(namespace, instanceId(config),
                        positive(config, "rc.store.timeout", 500),
                        positive(config, "rc.poll.interval", 1000),
                        propagation.equals("notify"),
                        config.getOptionalValue("rc.schema.create", Boolean.class).orElse(false),
                        window.equals("shared"),
                        positive(config, "rc.window.flush", 100),
                        quorum,
                        positive(config, "rc.quorum.window", 60_000)));
    }

    private static long positive(Config config, String key, long defaultMillis) {
        long value = config.getOptionalValue(key, Long.class).orElse(defaultMillis);
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be a positive number of milliseconds, was " + value);
        }
        return value;
    }

    /** {@code rc.instance}, or host, process id and a random suffix: unique per process, readable in the table. */
    private static String instanceId(Config config) {
        return config.getOptionalValue("rc.instance", String.class).orElseGet(() -> {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown-host";
            }
            String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
            return host + "/" + pid + "/" + UUID.randomUUID().toString().substring(0, 8);
        });
    }

    /**
     * {@code rc.db.url}, {@code rc.db.dsn} or {@code rc.db.host} (with the rest of {@code rc.db.*}),
     * checked now so that a wrong value fails deployment naming its key; empty when none is set.
     */
    private static Optional<DbTarget> connection(Config config) {
        Map<DbKey, String> values = new EnumMap<>(DbKey.class);
        for (DbKey key : DbKey.values()) {
            config.getOptionalValue(key.property(), String.class).ifPresent(value -> values.put(key, value));
        }
        // both names: the key for MicroProfile Config users, the variable for the Python ancestor's
        return DbTargets.resolve(new DbInput(values, key -> key.property() + " (" + key.variable() + ")"));
    }
}
