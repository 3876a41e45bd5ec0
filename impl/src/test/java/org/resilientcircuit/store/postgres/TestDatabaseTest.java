package org.resilientcircuit.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class TestDatabaseTest {

    @Test
    void aUrlKeepsHostsAndParametersWithAnotherDatabase() {
        assertEquals("jdbc:postgresql://127.0.0.1:5432/scratch?user=postgres",
                TestDatabase.withDatabase("jdbc:postgresql://127.0.0.1:5432/rc_test?user=postgres", "scratch"));
        assertEquals("jdbc:postgresql://a:1,b:2/scratch",
                TestDatabase.withDatabase("jdbc:postgresql://a:1,b:2/", "scratch"));
        assertEquals("jdbc:postgresql://h/scratch?ssl=true",
                TestDatabase.withDatabase("jdbc:postgresql://h?ssl=true", "scratch"));
    }

    @Test
    void eachScratchDatabaseIsNewAndIsDroppedOnClose() throws SQLException {
        String name;
        Connection leftOpen;
        try (TestDatabase first = TestDatabase.create(TestDatabaseTest.class);
                TestDatabase second = TestDatabase.create(TestDatabaseTest.class)) {
            name = first.name();
            assertNotEquals(first.name(), second.name());
            assertTrue(first.name().startsWith("rc_t_testdatabasetest_"), first.name());
            first.execute("CREATE TABLE only_here (id int)");
            try (Connection connection = second.dataSource().getConnection()) {
                assertEquals(second.name(), connection.getCatalog());
                assertEquals(0, count(connection, "SELECT count(*) FROM pg_class WHERE relname = ?", "only_here"));
            }
            leftOpen = first.connect(); // a forgotten connection does not keep the database alive
            assertEquals(1, count(leftOpen, "SELECT count(*) FROM pg_class WHERE relname = ?", "only_here"));
        }
        assertFalse(leftOpen.isValid(2), "the forgotten connection was ended");
        leftOpen.close();
        try (Connection server = DriverManager.getConnection(TestDatabase.serverUrl())) {
            assertEquals(0, count(server, "SELECT count(*) FROM pg_database WHERE datname = ?", name));
        }
    }

    private static long count(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
