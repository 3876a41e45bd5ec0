package org.resilientcircuit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.api.DatabaseFailures.Kind;
import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * {@link DatabaseFailures} on the exceptions a real PostgreSQL and its JDBC driver produce, one test per kind of
 * failure, and through the wrappers an application sees them in.
 */
class DatabaseFailuresTest {

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(DatabaseFailuresTest.class);
        db.execute("CREATE TABLE account (id int PRIMARY KEY, balance int NOT NULL)");
        db.execute("INSERT INTO account VALUES (1, 100), (2, 100)");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    /** Runs {@code sql} on a new connection and returns what it threw. */
    private static SQLException failureOf(String sql) {
        return assertThrows(SQLException.class, () -> {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        });
    }

    @Test
    void connectionRefusedIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + closedPort + "/x?connectTimeout=5"));
        assertEquals("08001", refused.getSQLState());
        assertEquals(Kind.UNAVAILABLE, DatabaseFailures.classify(refused));
        assertTrue(new DatabaseUnavailable().test(refused));
        assertFalse(new DatabaseConflict().test(refused));
    }

    @Test
    void aSyntaxErrorIsAStatementFailure() {
        SQLException syntax = failureOf("SELEC 1");
        assertEquals("42601", syntax.getSQLState());
        assertEquals(Kind.STATEMENT, DatabaseFailures.classify(syntax));
        assertFalse(new DatabaseUnavailable().test(syntax));
        assertFalse(new DatabaseConflict().test(syntax));
    }

    @Test
    void aUniqueViolationIsAStatementFailure() {
        SQLException duplicate = failureOf("INSERT INTO account VALUES (1, 0)");
        assertEquals("23505", duplicate.getSQLState());
        assertEquals(Kind.STATEMENT, DatabaseFailures.classify(duplicate));
    }

    @Test
    void aSerializationFailureIsAConflict() throws Exception {
        try (Connection first = db.connect(); Connection second = db.connect()) {
            first.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            first.setAutoCommit(false);
            try (Statement s = first.createStatement()) {
                s.executeQuery("SELECT balance FROM account WHERE id = 1").close(); // takes the snapshot
            }
            try (Statement s = second.createStatement()) {
                s.executeUpdate("UPDATE account SET balance = balance + 1 WHERE id = 1");
            }
            SQLException conflict = assertThrows(SQLException.class, () -> {
                try (Statement s = first.createStatement()) {
                    s.executeUpdate("UPDATE account SET balance = balance - 1 WHERE id = 1");
                }
            });
            first.rollback();
            assertEquals("40001", conflict.getSQLState());
            assertEquals(Kind.CONFLICT, DatabaseFailures.classify(conflict));
            assertTrue(new DatabaseConflict().test(conflict));
            assertFalse(new DatabaseUnavailable().test(conflict));
        }
    }

    @Test
    void aDeadlockIsAConflict() throws Exception {
        try (Connection first = db.connect(); Connection second = db.connect()) {
            for (Connection c : new Connection[] {first, second}) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET deadlock_timeout = '100ms'");
                }
            }
            update(first, 1);
            update(second, 2);
            // each now waits for the row the other holds; PostgreSQL breaks the cycle by failing one of them, whose
            // transaction must then roll back at once to release its row for the other
            CompletableFuture<SQLException> firstWaits = CompletableFuture.supplyAsync(() -> updateOrRollBack(first, 2));
            SQLException deadlock = updateOrRollBack(second, 1);
            SQLException other = firstWaits.get(30, TimeUnit.SECONDS);
            first.rollback();
            second.rollback();
            assertTrue(deadlock == null || other == null, "only one victim");
            deadlock = deadlock != null ? deadlock : other;
            assertNotNull(deadlock, "one of the two transactions must have been chosen as the victim");
            assertEquals("40P01", deadlock.getSQLState());
            assertEquals(Kind.CONFLICT, DatabaseFailures.classify(deadlock));
        }
    }

    /** Updates row {@code id}; on failure rolls back and returns the failure. */
    private static SQLException updateOrRollBack(Connection c, int id) {
        try {
            update(c, id);
            return null;
        } catch (SQLException failure) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the failure is what the test is about
            }
            return failure;
        }
    }

    private static void update(Connection c, int id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE account SET balance = balance + 1 WHERE id = " + id);
        }
    }

    @Test
    void aTerminatedBackendIsUnavailable() throws Exception {
        try (Connection victim = db.connect(); Connection admin = db.connect()) {
            int pid;
            try (Statement s = victim.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            try (Statement s = admin.createStatement()) {
                s.execute("SELECT pg_terminate_backend(" + pid + ")");
            }
            SQLException terminated = assertThrows(SQLException.class, () -> {
                try (Statement s = victim.createStatement()) {
                    s.execute("SELECT 1");
                }
            });
            assertEquals("57P01", terminated.getSQLState());
            assertEquals(Kind.UNAVAILABLE, DatabaseFailures.classify(terminated));
        }
    }

    @Test
    void tooManyConnectionsIsUnavailable() throws Exception {
        String role = "rc_limited_" + ProcessHandle.current().pid();
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'limited' CONNECTION LIMIT 0");
        try {
            SQLException tooMany = assertThrows(SQLException.class,
                    () -> db.dataSourceAs(role, "limited").getConnection().close());
            assertEquals("53300", tooMany.getSQLState());
            assertEquals(Kind.UNAVAILABLE, DatabaseFailures.classify(tooMany));
        } finally {
            db.execute("DROP ROLE " + role);
        }
    }

    @Test
    void aResourceLimitInAStatementIsUnavailable() {
        SQLException limit = assertThrows(SQLException.class, () -> {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SET temp_file_limit = '64kB'; SET work_mem = '64kB'");
                s.execute("SELECT g FROM generate_series(1, 200000) g ORDER BY g DESC");
            }
        });
        assertEquals("53400", limit.getSQLState());
        assertEquals(Kind.UNAVAILABLE, DatabaseFailures.classify(limit));
    }

    @Test
    void wrappersDoNotHideTheDatabasesAnswer() {
        SQLException syntax = failureOf("SELEC 1");
        SQLException refused = new SQLException("connection refused", "08001");
        // a JPA PersistenceException or a framework's runtime exception: the SQLException is the cause
        assertEquals(Kind.STATEMENT, DatabaseFailures.classify(new RuntimeException("persistence", syntax)));
        assertEquals(Kind.UNAVAILABLE,
                DatabaseFailures.classify(new CompletionException(new IllegalStateException("tx", refused))));
        // a batch: the top exception says little, the next exception says what happened
        SQLException batch = new SQLException("batch entry 0 failed", (String) null);
        batch.setNextException(new SQLException("deadlock detected", "40P01"));
        assertEquals(Kind.CONFLICT, DatabaseFailures.classify(batch));
        // the most serious kind wins
        SQLException both = new SQLException("serialization failure", "40001", refused);
        assertEquals(Kind.UNAVAILABLE, DatabaseFailures.classify(both));
    }

    @Test
    void typesSpeakWhenTheSqlStateIsMissing() {
        assertEquals(Kind.UNAVAILABLE,
                DatabaseFailures.classify(new SQLTransientConnectionException("pool exhausted")));
        assertEquals(Kind.NOT_DATABASE, DatabaseFailures.classify(new SQLException("no state")));
        assertEquals(Kind.NOT_DATABASE, DatabaseFailures.classify(new IllegalStateException()));
        assertEquals(Kind.NOT_DATABASE, DatabaseFailures.classify(null));
    }

    @Test
    void aCycleInTheCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertEquals(Kind.NOT_DATABASE, DatabaseFailures.classify(a));
    }

    @Test
    void sqlStatesAreSortedByClass() {
        assertEquals(Kind.UNAVAILABLE, DatabaseFailures.kindOf("08006"));
        assertEquals(Kind.UNAVAILABLE, DatabaseFailures.kindOf("53200"));
        assertEquals(Kind.UNAVAILABLE, DatabaseFailures.kindOf("57P03"));
        assertEquals(Kind.STATEMENT, DatabaseFailures.kindOf("57014"), "query_canceled: the database is up");
        assertEquals(Kind.CONFLICT, DatabaseFailures.kindOf("40P01"));
        assertEquals(Kind.STATEMENT, DatabaseFailures.kindOf("40002"), "an integrity constraint at commit");
        assertEquals(Kind.STATEMENT, DatabaseFailures.kindOf("23503"));
        assertEquals(Kind.NOT_DATABASE, DatabaseFailures.kindOf(null));
    }
}
