package org.resilientcircuit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command lines of status, reset and open: wrong arguments exit with code 2 and name the bad
 * argument, before anything connects (nothing here needs a database).
 */
class BreakerCommandArgumentsTest {

    /** A URL nothing listens on: a command that got past its arguments would fail with exit code 1. */
    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody&connectTimeout=1";

    @TempDir
    Path workDir;

    private CliRun run(String... args) {
        return CliRun.run("", Map.of(), workDir, args);
    }

    private void assertUsageError(String command, String message, String... args) {
        CliRun run = run(args);
        assertEquals(Main.USAGE, run.exit(), run.printed());
        assertTrue(run.err().startsWith("resilient-circuit " + command + ": " + message), run.printed());
        assertTrue(run.err().contains("Usage: " + command), run.printed());
        assertEquals("", run.out(), run.printed());
    }

    @Test
    void theNewCommandsAreListed() {
        CliRun run = run("--help");

        assertEquals(Main.OK, run.exit(), run.printed());
        assertTrue(run.out().contains("  pg-setup  Create or upgrade the table rc_circuit_breakers"), run.printed());
        assertTrue(run.out().contains("  status    Show every circuit breaker of a namespace"), run.printed());
        assertTrue(run.out().contains("  reset     Close a circuit breaker for every instance"), run.printed());
        assertTrue(run.out().contains("  open      Open a circuit breaker for every instance"), run.printed());
    }

    @Test
    void eachCommandHasItsHelp() {
        for (List<String> expected : List.of(
                List.of("status", "Usage: status [--json] [--namespace NS] [--url JDBC_URL | --dsn DSN]"),
                List.of("reset", "Usage: reset KEY [--namespace NS] [--url JDBC_URL | --dsn DSN]"),
                List.of("open", "Usage: open KEY [--for DURATION] [--namespace NS] [--url JDBC_URL | --dsn DSN]"))) {
            CliRun run = run(expected.get(0), "--help");

            assertEquals(Main.OK, run.exit(), run.printed());
            assertTrue(run.out().startsWith(expected.get(1)), run.printed());
            assertTrue(run.out().contains("RC_NAMESPACE"), run.printed());
            assertTrue(run.out().contains("RC_DB_HOST"), run.printed());
        }
        assertTrue(run("open", "--help").out().contains("default 1m"));
    }

    @Test
    void statusNamesWhatItDoesNotTake() {
        assertUsageError("status", "unknown option '--for'", "status", "--for", "5m");
        assertUsageError("status", "unknown option '--yes'", "status", "--yes");
        assertUsageError("status", "unexpected argument 'payment_service'", "status", "payment_service");
        assertUsageError("status", "option '--namespace' needs a value", "status", "--namespace");
        assertUsageError("status", "option '--namespace' needs a value", "status", "--namespace", "--json");
        assertUsageError("status", "option '--url' needs a value", "status", "--url");
        assertUsageError("status", "option '--url' needs a value", "status", "--url=");
        assertUsageError("status", "--url is not a PostgreSQL JDBC URL", "status", "--url", "mysql://h/db");
        assertUsageError("status", "unknown option '--json=yes'", "status", "--json=yes");
    }

    @Test
    void resetNeedsExactlyOneValidKey() {
        assertUsageError("reset", "missing KEY", "reset");
        assertUsageError("reset", "missing KEY", "reset", "--namespace", "prod");
        assertUsageError("reset", "unexpected argument 'b'", "reset", "a", "b");
        assertUsageError("reset", "unknown option '--for'", "reset", "a", "--for", "5m");
        assertUsageError("reset", "unknown option '--json'", "reset", "a", "--json");
        assertUsageError("reset", "unknown option '-x'", "reset", "-x");
        assertUsageError("reset", "KEY '" + "k".repeat(256) + "' is not a breaker key", "reset", "k".repeat(256));
        assertUsageError("reset", "KEY 'a\\u000ab' is not a breaker key", "reset", "a\nb");
        assertUsageError("reset", "--namespace 'x\\u0009' is not a namespace", "reset", "a", "--url", NOWHERE,
                "--namespace", "x\t");
    }

    @Test
    void openNamesABadDuration() {
        assertUsageError("open", "--for: '5x' is not a duration", "open", "payment_service", "--for", "5x");
        assertUsageError("open", "--for: '5' is not a duration", "open", "payment_service", "--for=5");
        assertUsageError("open", "--for: duration '-5m' must be positive", "open", "payment_service", "--for", "-5m");
        assertUsageError("open", "--for: duration '0s' must be positive", "open", "payment_service", "--for", "0s");
        assertUsageError("open", "--for: duration '400d' is longer than 365d", "open", "payment_service", "--for", "400d");
        assertUsageError("open", "option '--for' needs a value", "open", "payment_service", "--for");
        assertUsageError("open", "option '--for' needs a value", "open", "payment_service", "--for", "--url", NOWHERE);
        assertUsageError("open", "missing KEY", "open", "--for", "5m");
    }

    @Test
    void wellFormedCommandLinesGetAsFarAsConnecting() {
        for (String[] args : List.of(
                new String[] {"status", "--json", "--url", NOWHERE},
                new String[] {"status", "-n", "", "--url=" + NOWHERE},
                new String[] {"reset", "--url", NOWHERE, "--", "-odd-key"},
                new String[] {"open", "payment_service", "--for", "PT30S", "--namespace=staging", "--url", NOWHERE},
                new String[] {"open", "payment_service", "--url", NOWHERE})) {
            CliRun run = run(args);

            assertEquals(Main.FAILURE, run.exit(), run.printed());
            assertEquals(1, run.err().lines().count(), run.printed());
            assertTrue(run.err().contains(": cannot connect to PostgreSQL at 127.0.0.1:1/nowhere: "), run.printed());
            assertEquals("", run.out(), run.printed());
        }
    }

    @Test
    void withoutADatabaseNamesTheSettings() {
        CliRun run = run("status");

        assertEquals(Main.FAILURE, run.exit(), run.printed());
        assertTrue(run.err().startsWith("resilient-circuit status: no database configured: set RC_DB_HOST"),
                run.printed());
        assertFalse(run.err().contains("Usage:"), run.printed());
    }
}
