package org.resilientcircuit.cli;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One row of {@code rc_circuit_breakers} as {@code status} shows it.
 *
 * @param key resource_key
 * @param state CLOSED, OPEN or HALF_OPEN (as stored)
 * @param failureCount failure_count
 * @param version the row's version (one more with every transition)
 * @param changedBy who made the last transition ({@code ""} for rows of the Python ancestor)
 * @param updatedAt the last change, or null
 * @param openUntil when an OPEN breaker lets a probe through, or null
 * @param leaseUntil when a HALF_OPEN prober's lease ends, or null
 * @param remainingMillis OPEN: until half-open; HALF_OPEN: lease left; by the database clock; else 0
 */
record BreakerRow(String key, String state, int failureCount, long version, String changedBy, Instant updatedAt,
        Instant openUntil, Instant leaseUntil, long remainingMillis) {

    static BreakerRow of(ResultSet row) throws SQLException {
        return new BreakerRow(row.getString("resource_key"), row.getString("state"), row.getInt("failure_count"),
                row.getLong("version"), row.getString("changed_by"), instant(row, "updated_at"),
                instant(row, "open_until"), instant(row, "lease_until"), row.getLong("remaining_ms"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    boolean isOpen() {
        return "OPEN".equals(state);
    }

    boolean isHalfOpen() {
        return "HALF_OPEN".equals(state);
    }
}
