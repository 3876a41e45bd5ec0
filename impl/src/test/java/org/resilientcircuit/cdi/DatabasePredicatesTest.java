package org.resilientcircuit.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.api.DatabaseConflict;
import org.resilientcircuit.api.DatabaseUnavailable;
import org.resilientcircuit.api.FailureWhen;
import org.resilientcircuit.api.RetryWhen;
import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * The ready database predicates on guarded methods that talk to a real PostgreSQL: syntax errors and constraint
 * violations do not open a breaker that counts {@link DatabaseUnavailable}, a refused connection does, and a
 * serialization failure is retried by {@link DatabaseConflict} while a unique violation is not.
 */
@EnableWeld
class DatabasePredicatesTest {

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(DatabasePredicatesTest.class);
        db.execute("CREATE TABLE item (id int PRIMARY KEY, stock int NOT NULL)");
        db.execute("INSERT INTO item VALUES (1, 10)");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Dependent
    public static class Repository {
        final AtomicInteger attempts = new AtomicInteger();

        @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 1, delayUnit = ChronoUnit.HOURS)
        @FailureWhen(exception = DatabaseUnavailable.class)
        public void run(String url, String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        /** Takes a snapshot, lets another connection change the row, then updates it: 40001 on the first attempt. */
        @Retry(maxRetries = 2, delay = 0, jitter = 0)
        @RetryWhen(exception = DatabaseConflict.class)
        public int decrement(boolean conflictFirst) throws SQLException {
            int attempt = attempts.incrementAndGet();
            try (Connection c = db.connect()) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT stock FROM item WHERE id = 1").close();
                    if (conflictFirst && attempt == 1) {
                        db.execute("UPDATE item SET stock = stock + 1 WHERE id = 1");
                    }
                    s.executeUpdate("UPDATE item SET stock = stock - 1 WHERE id = 1");
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            }
            return attempt;
        }

        @Retry(maxRetries = 2, delay = 0, jitter = 0)
        @RetryWhen(exception = DatabaseConflict.class)
        public void insertDuplicate() throws SQLException {
            attempts.incrementAndGet();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO item VALUES (1, 0)");
            }
        }
    }

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new FaultToleranceExtension())
            .addBeanClasses(Repository.class)).build();

    @Inject
    Repository repository;

    @Test
    void statementFailuresDoNotOpenTheBreakerAndARefusedConnectionDoes() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThrows(SQLException.class, () -> repository.run(db.jdbcUrl(), "SELEC 1"));
            assertThrows(SQLException.class, () -> repository.run(db.jdbcUrl(), "INSERT INTO item VALUES (1, 0)"));
        }
        repository.run(db.jdbcUrl(), "SELECT 1"); // still closed: the database answered every time
        String refused = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/x?connectTimeout=5";
        assertThrows(SQLException.class, () -> repository.run(refused, "SELECT 1"));
        assertThrows(SQLException.class, () -> repository.run(refused, "SELECT 1"));
        assertThrows(CircuitBreakerOpenException.class, () -> repository.run(db.jdbcUrl(), "SELECT 1"));
    }

    @Test
    void aSerializationFailureIsRetried() throws Exception {
        assertEquals(2, repository.decrement(true), "the first attempt lost to the concurrent update, the second won");
    }

    @Test
    void aUniqueViolationIsNotRetried() {
        SQLException thrown = assertThrows(SQLException.class, repository::insertDuplicate);
        assertEquals("23505", thrown.getSQLState());
        assertEquals(1, repository.attempts.get());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
