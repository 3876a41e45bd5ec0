package org.resilientcircuit.store.postgres;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one store thread knows of the table's history: per key the highest version it has seen, and
 * which table (by oid) that was in. Versions only grow in a table that is left to the protocol, so
 * a fresh read of a lower version, or of a row in another table, means the history went backwards:
 * the table was dropped and created again, truncated, or restored from a backup. The instance must
 * then adopt the row as it is instead of discarding it as old news, or it would never agree with
 * the table again.
 *
 * <p>Each thread keeps its own history (the writer, the feed) and feeds it only with what that
 * thread read, in order; so a lower version is never a race between threads, only a table that
 * really went back. Not thread-safe.
 */
final class History {

    /** How a row relates to what was known of its key. */
    enum Verdict {
        /** Newer than anything known (or the key's first row): take it. */
        NEWER,
        /** Already known: nothing to do. */
        KNOWN,
        /** An announcement older than what is known: a late one, or from a table that was replaced. */
        STALE,
        /** The history went backwards: adopt the row whatever its version. */
        RESTARTED
    }

    private record Known(long table, long version) {
    }

    private final Map<String, Known> known = new HashMap<>();
    private final Set<Long> replacedTables = new HashSet<>();
    private long table;

    /**
     * A row read now (a poll, a read, a compare-and-set): it is the present, so lower than what was
     * known means the table went back.
     */
    Verdict read(String key, long rowTable, long version) {
        if (rowTable != 0 && rowTable != table) {
            replaceTable(rowTable);
        }
        return judge(key, rowTable, version, Verdict.RESTARTED);
    }

    /**
     * A row announced by NOTIFY: announcements of one table arrive in commit order, but one
     * received during a poll is handed over after it, so a lower version is a late announcement.
     * An announcement from a table not seen before is the new table; from a replaced one, stale.
     */
    Verdict announced(String key, long rowTable, long version) {
        if (rowTable != 0 && rowTable != table) {
            if (replacedTables.contains(rowTable)) {
                return Verdict.STALE;
            }
            replaceTable(rowTable);
        }
        return judge(key, rowTable, version, Verdict.STALE);
    }

    /** The table this thread saw last; 0 before the first row. */
    long table() {
        return table;
    }

    /** Whether a row of {@code key} was seen before. */
    boolean knows(String key) {
        return known.containsKey(key);
    }

    private void replaceTable(long rowTable) {
        if (table != 0) {
            replacedTables.add(table);
        }
        table = rowTable;
    }

    private Verdict judge(String key, long rowTable, long version, Verdict whenLower) {
        Known before = known.get(key);
        if (before == null) {
            known.put(key, new Known(rowTable, version));
            return Verdict.NEWER;
        }
        if (rowTable != 0 && before.table() != 0 && before.table() != rowTable) {
            known.put(key, new Known(rowTable, version));
            return Verdict.RESTARTED;
        }
        if (version > before.version()) {
            known.put(key, new Known(rowTable, version));
            return Verdict.NEWER;
        }
        if (version == before.version()) {
            return Verdict.KNOWN;
        }
        if (whenLower == Verdict.RESTARTED) {
            known.put(key, new Known(rowTable, version));
        }
        return whenLower;
    }
}
