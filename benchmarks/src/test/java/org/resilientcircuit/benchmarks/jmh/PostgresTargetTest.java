package org.resilientcircuit.benchmarks.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PostgresTargetTest {

    @Test
    void defaultUrl() {
        PostgresTarget target = PostgresTarget.parse(PostgresTarget.DEFAULT_URL);
        assertEquals(Map.of("rc.db.host", "127.0.0.1", "rc.db.port", "5432", "rc.db.name", "postgres",
                "rc.db.user", "postgres"), target.settings());
    }

    @Test
    void everyPart() {
        PostgresTarget target = PostgresTarget.parse(
                "jdbc:postgresql://db.example.com:6543/rc_bench?user=bench&password=s%3Dcret&sslmode=disable");
        assertEquals("db.example.com", target.host());
        assertEquals(6543, target.port());
        assertEquals("rc_bench", target.database());
        assertEquals("bench", target.user());
        assertEquals(Optional.of("s=cret"), target.password());
        assertEquals("s=cret", target.settings().get("rc.db.password"));
        assertFalse(target.toString().contains("cret"), "toString shows no password");
    }

    @Test
    void defaults() {
        PostgresTarget target = PostgresTarget.parse("jdbc:postgresql://localhost");
        assertEquals(5432, target.port());
        assertEquals("postgres", target.user());
        assertEquals("postgres", target.database(), "the driver's default: the user's name");
        assertEquals(Optional.empty(), target.password());

        PostgresTarget ipv6 = PostgresTarget.parse("jdbc:postgresql://[::1]:5433/x?user=u");
        assertEquals("::1", ipv6.host());
        assertEquals(5433, ipv6.port());
        assertEquals("x", ipv6.database());
        assertEquals("u", ipv6.user());
    }

    @Test
    void rejectsOtherUrls() {
        assertThrows(IllegalArgumentException.class, () -> PostgresTarget.parse("jdbc:mysql://localhost/x"));
        assertThrows(IllegalArgumentException.class,
                () -> PostgresTarget.parse("jdbc:postgresql://a:5432,b:5432/x"));
    }
}
