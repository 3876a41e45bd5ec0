package org.resilientcircuit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The table and the JSON of {@code status}, from rows made here (no database). */
class StatusReportTest {

    private static final Instant UPDATED = Instant.parse("2030-01-01T11:59:00.123456Z");

    private static final BreakerRow OPEN = new BreakerRow("payment_service", "OPEN", 5, 3, "host-a/42/1a2b3c4d",
            UPDATED, Instant.parse("2030-01-01T12:00:00Z"), null, 41_532);
    private static final BreakerRow HALF_OPEN = new BreakerRow("shipping_api", "HALF_OPEN", 0, 8, "host-b/7/99",
            UPDATED, Instant.parse("2030-01-01T11:58:00Z"), Instant.parse("2030-01-01T12:00:10Z"), 10_000);
    private static final BreakerRow CLOSED = new BreakerRow("com.acme.Inventory#check(java.lang.String)", "CLOSED", 2, 0,
            "", null, null, null, 0);

    @Test
    void theTableIsAligned() {
        String table = StatusReport.table(List.of(CLOSED, OPEN, HALF_OPEN));

        assertEquals("""
                KEY                                         STATE      FAILURES  REMAINING           UPDATED AT            CHANGED BY
                com.acme.Inventory#check(java.lang.String)  CLOSED            2  -                   -                     -
                payment_service                             OPEN              5  42s to half-open    2030-01-01T11:59:00Z  host-a/42/1a2b3c4d
                shipping_api                                HALF_OPEN         0  10s of probe lease  2030-01-01T11:59:00Z  host-b/7/99
                """, table);
    }

    @Test
    void remainingSaysWhatTheTimeIsFor() {
        assertEquals("42s to half-open", StatusReport.remaining(OPEN));
        assertEquals("10s of probe lease", StatusReport.remaining(HALF_OPEN));
        assertEquals("-", StatusReport.remaining(CLOSED));
        assertEquals("1s to half-open", StatusReport.remaining(withRemaining(OPEN, 1)));
        assertEquals("half-open due", StatusReport.remaining(withRemaining(OPEN, 0)));
        assertEquals("probe lease over", StatusReport.remaining(withRemaining(HALF_OPEN, 0)));
    }

    private static BreakerRow withRemaining(BreakerRow row, long millis) {
        return new BreakerRow(row.key(), row.state(), row.failureCount(), row.version(), row.changedBy(), row.updatedAt(),
                row.openUntil(), row.leaseUntil(), millis);
    }

    @Test
    void theJsonHoldsEveryField() {
        String json = StatusReport.json("prod", List.of(CLOSED, OPEN, HALF_OPEN));

        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) MiniJson.parse(json);
        assertEquals("prod", report.get("namespace"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> breakers = (List<Map<String, Object>>) report.get("breakers");
        assertEquals(3, breakers.size());

        Map<String, Object> closed = breakers.get(0);
        assertEquals(List.of("key", "state", "failure_count", "version", "seconds_to_half_open", "lease_seconds_left",
                "open_until", "lease_until", "updated_at", "changed_by"), List.copyOf(closed.keySet()));
        assertEquals("com.acme.Inventory#check(java.lang.String)", closed.get("key"));
        assertEquals("CLOSED", closed.get("state"));
        assertEquals(new BigDecimal(2), closed.get("failure_count"));
        assertNull(closed.get("seconds_to_half_open"));
        assertNull(closed.get("lease_seconds_left"));
        assertNull(closed.get("updated_at"));
        assertEquals("", closed.get("changed_by"));

        Map<String, Object> open = breakers.get(1);
        assertEquals(new BigDecimal("41.532"), open.get("seconds_to_half_open"));
        assertNull(open.get("lease_seconds_left"));
        assertEquals(new BigDecimal(3), open.get("version"));
        assertEquals("2030-01-01T12:00:00Z", open.get("open_until"));
        assertEquals("2030-01-01T11:59:00.123456Z", open.get("updated_at"));
        assertEquals("host-a/42/1a2b3c4d", open.get("changed_by"));

        Map<String, Object> halfOpen = breakers.get(2);
        assertNull(halfOpen.get("seconds_to_half_open"));
        assertEquals(new BigDecimal("10.000"), halfOpen.get("lease_seconds_left"));
        assertEquals("2030-01-01T12:00:10Z", halfOpen.get("lease_until"));
        assertTrue(json.endsWith("}\n"), json);
    }

    @Test
    void anEmptyNamespaceIsValidJson() {
        String json = StatusReport.json("", List.of());

        assertEquals(Map.of("namespace", "", "breakers", List.of()), MiniJson.parse(json));
    }

    @Test
    void everyStringIsEscaped() {
        String nasty = "quote\" backslash\\ slash/ newline\n tab\t cr\r nul\u0000 bell\u0007 del\u007f"
                + " ls\u2028 ps\u2029 emoji\uD83D\uDE00 lone\uD800 é";
        BreakerRow row = new BreakerRow(nasty, "OPEN", 1, 1, nasty, null, null, null, 1);
        String json = StatusReport.json(nasty, List.of(row));

        assertTrue(json.chars().noneMatch(c -> c < 0x20 && c != '\n'), json);
        assertEquals(6, json.lines().count(), json);
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) MiniJson.parse(json);
        assertEquals(nasty, report.get("namespace"));
        @SuppressWarnings("unchecked")
        Map<String, Object> breaker = ((List<Map<String, Object>>) report.get("breakers")).get(0);
        assertEquals(nasty, breaker.get("key"));
        assertEquals(nasty, breaker.get("changed_by"));
        assertEquals("\"lone\\ud800\"", Json.string("lone\uD800"));
        assertEquals("\"\\u2028\"", Json.string("\u2028"));
        assertEquals("\"\uD83D\uDE00\"", Json.string("\uD83D\uDE00"));
        assertEquals("null", Json.string(null));
    }

    @Test
    void theTableKeepsOneLinePerBreaker() {
        BreakerRow odd = new BreakerRow("two\nlines", "CLOSED", 0, 0, "by\tme", null, null, null, 0);

        String table = StatusReport.table(List.of(odd));

        assertEquals(2, table.lines().count(), table);
        assertTrue(table.contains("two\\u000alines"), table);
        assertTrue(table.contains("by\\u0009me"), table);
    }
}
