package org.resilientcircuit.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.cli.Grants;
import org.resilientcircuit.engine.BreakerObserver;
import org.resilientcircuit.engine.CircuitBreaker;
import org.resilientcircuit.engine.CircuitBreakerSettings;
import org.resilientcircuit.engine.ExceptionFilter;
import org.resilientcircuit.engine.Ticker;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.testing.Await;

/**
 * A role with only SELECT, INSERT and UPDATE on the table, as a DBA grants an application: with
 * {@code rc.schema.create=true} it runs on a schema that is in place and says once that it left it
 * alone, and without a table it names the missing privilege and {@code pg-setup}.
 */
class LeastPrivilegeTest {

    private static final String PASSWORD = "least-privilege-secret";
    private final String role = "rc_least_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    private final List<String> infos = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            infos.add(java.text.MessageFormat.format(record.getMessage(),
                    record.getParameters() == null ? new Object[0] : record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private TestDatabase db;
    private PostgresStateStore store;

    @BeforeEach
    void createRole() {
        db = TestDatabase.create(LeastPrivilegeTest.class);
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
        Logger.getLogger(StoreHealth.class.getName()).addHandler(capture);
    }

    @AfterEach
    void dropRole() {
        Logger.getLogger(StoreHealth.class.getName()).removeHandler(capture);
        if (store != null) {
            store.close();
        }
        db.close();
        try (Connection admin = DriverManager.getConnection(TestDatabase.serverUrl())) {
            admin.createStatement().execute("DROP ROLE IF EXISTS " + role);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withTheSchemaInPlaceTheStoreRunsAndLeavesItAlone() {
        db.applySchema();
        db.execute(Grants.forRole(role)); // what pg-setup --grant prints
        assertTrue(Grants.forRole(role).contains("GRANT SELECT, INSERT, UPDATE ON rc_circuit_breakers TO " + role));
        store = new PostgresStateStore(asRole(), settings(), db.name());
        CircuitBreaker breaker = breaker();

        breaker.force(BreakerPhase.OPEN, 60_000);
        Await.until(() -> breaker.state().version() == 1 && !store.status().degraded(), 5, "the opening is written");
        assertFalse(store.status().degraded(), store.status().problem());
        assertEquals(1, infos.stream().filter(line -> line.contains("left the schema of rc_circuit_breakers")
                && line.contains("permission denied")).count(), "said once why the schema was not changed: " + infos);
    }

    @Test
    void withoutSchemaCreationTheGrantsAreEnough() {
        db.applySchema();
        db.execute(Grants.forRole(role));
        store = new PostgresStateStore(asRole(), settings(false), db.name());
        CircuitBreaker breaker = breaker();

        breaker.force(BreakerPhase.OPEN, 60_000);
        Await.until(() -> breaker.state().version() == 1 && !store.status().degraded(), 5, "the opening is written");
        breaker.force(BreakerPhase.CLOSED, 0);
        Await.until(() -> breaker.state().version() == 2, 5, "and the close");
        assertFalse(store.status().degraded(), store.status().problem());
        assertEquals(0, infos.stream().filter(line -> line.contains("schema")).count(), "nothing to say: " + infos);
    }

    @Test
    void withoutTheTableTheProblemNamesThePrivilegeAndPgSetup() {
        store = new PostgresStateStore(asRole(), settings(), db.name());
        breaker();
        Await.until(() -> store.status().degraded(), 5, "degraded");
        String problem = store.status().problem();
        assertTrue(problem.contains("rc.schema.create=true, but this role may not create"), problem);
        assertTrue(problem.contains("permission denied"), problem);
        assertTrue(problem.contains("pg-setup --yes"), problem);
        assertTrue(problem.contains("SELECT, INSERT, UPDATE on rc_circuit_breakers"), problem);
    }

    private CircuitBreaker breaker() {
        return new CircuitBreaker("least_privilege", new CircuitBreakerSettings(2, 0.5, 60_000, 1, ExceptionFilter.all(),
                30_000), store, Ticker.SYSTEM, BreakerObserver.NONE);
    }

    private PostgresSettings settings() {
        return settings(true);
    }

    private PostgresSettings settings(boolean createSchema) {
        return new PostgresSettings("least-" + UUID.randomUUID(), "a", 500, 200, true, createSchema, false, 20, 1, 60_000);
    }

    private DataSource asRole() {
        return db.dataSourceAs(role, PASSWORD);
    }
}
