package org.resilientcircuit.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.StoreObserver;
import org.resilientcircuit.testing.Await;

/**
 * What the store does with a table that does not follow its protocol, on a real database and
 * instances with their own connections and threads: a row it cannot read, a table truncated or
 * restored from a backup (versions lower than an instance knew, without a notification), and a
 * schema set up by an earlier release. The fleet tests ({@code NoSilentSplitIT},
 * {@code ForeignWritersIT}) show the same on member JVMs.
 */
class TableTroubleTest {

    private static final Logger HEALTH_LOG = Logger.getLogger(StoreHealth.class.getName());
    private static TestDatabase db;
    private final String namespace = "trouble-" + UUID.randomUUID();
    private final String key = "inventory_service";
    private final List<StoreInstance> instances = new ArrayList<>();
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(TableTroubleTest.class);
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void freshTable() {
        db.reset();
        db.applySchema();
        HEALTH_LOG.addHandler(capture);
    }

    @AfterEach
    void closeInstances() {
        HEALTH_LOG.removeHandler(capture);
        instances.forEach(StoreInstance::close);
    }

    /** Polls every 20 ms, so that a full poll (every 60th) comes every 1.2 s. */
    private StoreInstance instance(String name) {
        StoreInstance instance = new StoreInstance(db, StoreInstance.settings(namespace, name, 20, false, 1), key, 2,
                60_000);
        instances.add(instance);
        return instance;
    }

    @Test
    void aRowWithANegativeVersionIsListedCountedAndReplacedByTheNextTransition() {
        StoreInstance a = instance("a");
        List<String> unreadable = new CopyOnWriteArrayList<>();
        a.store.observe(new StoreObserver() {
            @Override
            public void rowUnreadable(String key, String problem) {
                unreadable.add(key + ": " + problem);
            }
        });
        db.execute("UPDATE rc_circuit_breakers SET version = -3 WHERE resource_key = '" + key + "'");

        Await.until(() -> !a.store.status().unreadableRows().isEmpty(), 5, "the bad row is listed");
        assertEquals(Map.of(key, "version -3 is negative"), a.store.status().unreadableRows());
        Await.until(() -> unreadable.size() == 1, 5, "counted once");
        assertEquals(List.of(key + ": version -3 is negative"), unreadable);

        a.fail();
        a.fail();
        assertEquals(BreakerPhase.OPEN, a.phase());
        Await.until(() -> row().startsWith("OPEN|"), 5, "a's opening replaced the bad row");
        assertEquals("OPEN|1|a", row(), "written from its own view, at the version it proposed");
        Await.until(() -> a.store.status().unreadableRows().isEmpty(), 5, "no longer listed");
        assertEquals(1, unreadable.size(), "counted once for all the polls that saw it");
        assertEquals(1, warnings("cannot understand the row"), "said once");
    }

    @Test
    void aTruncatedTableIsWrittenOnTopSoTheOthersHearItAsNews() {
        StoreInstance a = instance("a");
        StoreInstance b = instance("b");
        openAndClose(a, b);
        long before = version();
        db.execute("TRUNCATE rc_circuit_breakers");

        a.fail();
        a.fail();
        Await.until(() -> b.phase() == BreakerPhase.OPEN, 5, "b follows a's opening on the emptied table");
        assertTrue(version() > before, "a wrote on top of every version b knew: " + version() + " > " + before);
        assertEquals(BreakerPhase.OPEN, a.phase());
        int calls = b.invocations.get();
        assertEquals("rejected", b.call(0));
        assertEquals(calls, b.invocations.get(), "b rejected without calling");
    }

    @Test
    void aTableRestoredFromABackupIsAdoptedByTheFullPollWithoutAnyNotification() {
        StoreInstance a = instance("a");
        StoreInstance b = instance("b");
        a.fail();
        a.fail();
        Await.until(() -> b.phase() == BreakerPhase.OPEN, 5, "b follows");

        // What pg_restore --disable-triggers does: older rows, no notification, updated_at untouched.
        db.execute("ALTER TABLE rc_circuit_breakers DISABLE TRIGGER USER;"
                + " UPDATE rc_circuit_breakers SET state = 'CLOSED', version = 0, open_until = NULL,"
                + " changed_by = 'backup', updated_at = now() - interval '1 day';"
                + " ALTER TABLE rc_circuit_breakers ENABLE TRIGGER USER");
        Await.until(() -> a.phase() == BreakerPhase.CLOSED && b.phase() == BreakerPhase.CLOSED, 10,
                "both adopt the restored row although its version is lower");
        assertEquals("ok", b.call(0));
        assertTrue(warnings("gone backwards") >= 1, "said");

        b.fail(); // with the success before it: 1 failure in 2 calls trips
        Await.until(() -> a.phase() == BreakerPhase.OPEN, 5, "the fleet agrees again: a follows b");
        assertEquals("OPEN|1|b", row(), "b went on from the restored version, without a gap");
    }

    @Test
    void aSchemaFromAnEarlierReleaseIsSaidOnce() {
        db.execute("DROP TRIGGER rc_circuit_breakers_version ON rc_circuit_breakers");
        StoreInstance a = instance("a");
        a.fail();
        a.fail();
        Await.until(() -> row().startsWith("OPEN|"), 5, "the store works on the older schema");
        assertEquals(1, warnings("missing: trigger rc_circuit_breakers_version"), "said once");
        assertEquals(1, warnings("set up by an earlier release"), "and nothing else about it");
    }

    private void openAndClose(StoreInstance a, StoreInstance b) {
        a.fail();
        a.fail();
        Await.until(() -> b.phase() == BreakerPhase.OPEN, 5, "b follows a");
        a.breaker.force(BreakerPhase.CLOSED, 0);
        Await.until(() -> b.phase() == BreakerPhase.CLOSED, 5, "b follows a's reset");
    }

    private long warnings(String containing) {
        return warnings.stream().filter(r -> java.text.MessageFormat.format(r.getMessage(),
                r.getParameters() == null ? new Object[0] : r.getParameters()).contains(containing)).count();
    }

    private long version() {
        return Long.parseLong(row().split("\\|")[1]);
    }

    private String row() {
        try (Connection connection = db.connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT state, version, changed_by FROM rc_circuit_breakers WHERE namespace = ? AND resource_key = ?")) {
            select.setString(1, namespace);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) + "|" + rows.getLong(2) + "|" + rows.getString(3) : "none";
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
