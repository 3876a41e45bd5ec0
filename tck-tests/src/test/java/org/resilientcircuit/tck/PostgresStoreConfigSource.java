package org.resilientcircuit.tck;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points the library at PostgreSQL for the {@code tck-postgres-store} execution (system property
 * {@code rc.tck.store=postgres}); silent otherwise.
 *
 * <p>The database comes from {@code RC_TEST_JDBC_URL}. Every TCK deployment builds a new Config, and
 * so a new instance of this source with a namespace of its own: each deployment starts with fresh
 * breakers, as the TCK expects of a fresh application, although all share one table.
 */
public class PostgresStoreConfigSource implements ConfigSource {

    private final Map<String, String> properties = new HashMap<>();

    public PostgresStoreConfigSource() {
        if (!"postgres".equals(System.getProperty("rc.tck.store"))) {
            return;
        }
        String url = System.getenv("RC_TEST_JDBC_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("the tck-postgres-store execution needs RC_TEST_JDBC_URL, e.g. "
                    + "jdbc:postgresql://127.0.0.1:5432/rc_test?user=postgres (bash .ci/run sets it)");
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        properties.put("rc.db.host", uri.getHost());
        properties.put("rc.db.port", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()));
        properties.put("rc.db.name", uri.getPath().substring(1));
        if (uri.getQuery() != null) {
            for (String parameter : uri.getQuery().split("&")) {
                String[] pair = parameter.split("=", 2);
                if (pair.length == 2 && (pair[0].equals("user") || pair[0].equals("password"))) {
                    properties.put("rc.db." + pair[0], pair[1]);
                }
            }
        }
        properties.put("rc.schema.create", "true");
        properties.put("rc.namespace", "tck-" + UUID.randomUUID());
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String name) {
        return properties.get(name);
    }

    @Override
    public String getName() {
        return "resilient-circuit TCK PostgreSQL store";
    }

    @Override
    public int getOrdinal() {
        return 50; // below system properties and the deployment's own microprofile-config.properties
    }
}
