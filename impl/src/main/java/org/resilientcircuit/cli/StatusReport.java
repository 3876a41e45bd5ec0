package org.resilientcircuit.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** What {@code status} prints: an aligned table for people, or JSON for scripts. */
final class StatusReport {

    static final List<String> HEADER = List.of("KEY", "STATE", "FAILURES", "REMAINING", "UPDATED AT", "CHANGED BY");

    private StatusReport() {
    }

    /**
     * One line per breaker under a header, columns separated by two spaces, the failure count right
     * aligned. REMAINING is {@code 42s to half-open} for an OPEN breaker, {@code 12s of probe lease}
     * for a HALF_OPEN one (seconds rounded up, by the database clock); UPDATED AT is UTC.
     */
    static String table(List<BreakerRow> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        for (BreakerRow row : rows) {
            lines.add(List.of(BreakerOptions.printable(row.key()), row.state(), Integer.toString(row.failureCount()),
                    remaining(row), row.updatedAt() == null ? "-" : row.updatedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                    row.changedBy() == null || row.changedBy().isEmpty() ? "-" : BreakerOptions.printable(row.changedBy())));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> line : lines) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], line.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder out = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                String cell = line.get(column);
                String padding = " ".repeat(widths[column] - cell.length());
                boolean rightAligned = column == 2 && line != HEADER;
                out.append(rightAligned ? padding + cell : cell + padding);
                if (column < widths.length - 1) {
                    out.append("  ");
                }
            }
            text.append(out.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    static String remaining(BreakerRow row) {
        long seconds = (row.remainingMillis() + 999) / 1000;
        if (row.isOpen()) {
            return seconds > 0 ? seconds + "s to half-open" : "half-open due";
        }
        if (row.isHalfOpen()) {
            return seconds > 0 ? seconds + "s of probe lease" : "probe lease over";
        }
        return "-";
    }

    /** The first line of the table output: how many breakers, by state. */
    static String summary(Target target, List<BreakerRow> rows) {
        long open = rows.stream().filter(BreakerRow::isOpen).count();
        long halfOpen = rows.stream().filter(BreakerRow::isHalfOpen).count();
        return "Namespace " + target.quotedNamespace() + " (" + target.namespaceSource() + ") in " + target.where() + ": "
                + rows.size() + (rows.size() == 1 ? " breaker" : " breakers") + ", " + open + " OPEN, " + halfOpen
                + " HALF_OPEN";
    }

    /**
     * <pre>{@code
     * {
     *   "namespace": "",
     *   "breakers": [
     *     {"key": "payment_service", "state": "OPEN", "failure_count": 5, "version": 3,
     *      "seconds_to_half_open": 41.532, "lease_seconds_left": null, "open_until": "2030-01-01T12:00:00Z",
     *      "lease_until": null, "updated_at": "2030-01-01T11:59:00.123456Z", "changed_by": "host/42/1a2b3c4d"}
     *   ]
     * }
     * }</pre>
     * One breaker per line. {@code seconds_to_half_open} is set for OPEN breakers,
     * {@code lease_seconds_left} for HALF_OPEN ones (both by the database clock, millisecond precision);
     * timestamps are ISO-8601 in UTC; absent values are {@code null}.
     */
    static String json(String namespace, List<BreakerRow> rows) {
        StringBuilder json = new StringBuilder("{\n  \"namespace\": ").append(Json.string(namespace))
                .append(",\n  \"breakers\": [");
        for (int i = 0; i < rows.size(); i++) {
            BreakerRow row = rows.get(i);
            json.append(i == 0 ? "\n    " : ",\n    ")
                    .append("{\"key\": ").append(Json.string(row.key()))
                    .append(", \"state\": ").append(Json.string(row.state()))
                    .append(", \"failure_count\": ").append(row.failureCount())
                    .append(", \"version\": ").append(row.version())
                    .append(", \"seconds_to_half_open\": ").append(row.isOpen() ? seconds(row.remainingMillis()) : "null")
                    .append(", \"lease_seconds_left\": ").append(row.isHalfOpen() ? seconds(row.remainingMillis()) : "null")
                    .append(", \"open_until\": ").append(instant(row.openUntil()))
                    .append(", \"lease_until\": ").append(instant(row.leaseUntil()))
                    .append(", \"updated_at\": ").append(instant(row.updatedAt()))
                    .append(", \"changed_by\": ").append(Json.string(row.changedBy() == null ? "" : row.changedBy()))
                    .append('}');
        }
        return json.append(rows.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    private static String seconds(long millis) {
        return millis / 1000 + "." + String.format("%03d", millis % 1000);
    }

    private static String instant(Instant instant) {
        return instant == null ? "null" : Json.string(instant.toString());
    }
}
