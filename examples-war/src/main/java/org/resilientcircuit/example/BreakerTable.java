package org.resilientcircuit.example;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The breakers as the database holds them: a plain {@code SELECT} on {@code rc_circuit_breakers}
 * through the DataSource that Resilient Circuit uses ({@code rc.datasource}), restricted to this
 * application's namespace ({@code rc.namespace}). Independent of the library, so the status page
 * can show whether an instance's view agrees with the table.
 */
@ApplicationScoped
public class BreakerTable {

    private static final String SELECT = """
            SELECT resource_key, state, failure_count, open_until, lease_until, version, changed_by, updated_at,
                   GREATEST(0, CEIL(EXTRACT(EPOCH FROM (open_until - clock_timestamp())) * 1000))::bigint AS open_remaining_ms
              FROM rc_circuit_breakers
             WHERE namespace = ?
             ORDER BY resource_key""";

    /** One row of {@code rc_circuit_breakers}. */
    public record Row(String key, String state, int failureCount, Instant openUntil, Instant leaseUntil, long version,
            String changedBy, Instant updatedAt, long openRemainingMillis) {
    }

    @Inject
    @ConfigProperty(name = "rc.datasource")
    Optional<String> dataSourceName;

    @Inject
    @ConfigProperty(name = "rc.namespace", defaultValue = "")
    String namespace;

    private volatile DataSource dataSource;

    /** The JNDI name of the DataSource, empty with the in-memory store. */
    public Optional<String> dataSourceName() {
        return dataSourceName;
    }

    public String namespace() {
        return namespace;
    }

    /** Every row of this namespace; empty if no DataSource is configured. */
    public List<Row> rows() throws SQLException {
        Optional<DataSource> source = dataSource();
        if (source.isEmpty()) {
            return List.of();
        }
        try (Connection connection = source.get().getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setQueryTimeout(5);
            select.setString(1, namespace);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString("resource_key"), result.getString("state"),
                            result.getInt("failure_count"), instant(result.getTimestamp("open_until")),
                            instant(result.getTimestamp("lease_until")), result.getLong("version"),
                            result.getString("changed_by"), instant(result.getTimestamp("updated_at")),
                            result.getLong("open_remaining_ms")));
                }
            }
            return rows;
        }
    }

    private Optional<DataSource> dataSource() {
        if (dataSourceName.isEmpty()) {
            return Optional.empty();
        }
        if (dataSource == null) {
            try {
                dataSource = (DataSource) new InitialContext().lookup(dataSourceName.get());
            } catch (NamingException e) {
                throw new IllegalStateException("no DataSource at " + dataSourceName.get(), e);
            }
        }
        return Optional.of(dataSource);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
