package org.resilientcircuit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dispatching, usage and exit codes; nothing here needs a database. */
class MainTest {

    @TempDir
    Path workDir;

    private CliRun run(String... args) {
        return CliRun.run("", Map.of(), workDir, args);
    }

    @Test
    void withoutArgumentsPrintsUsageAndExits2() {
        CliRun run = run();

        assertEquals(Main.USAGE, run.exit());
        assertTrue(run.err().contains("no command given"), run.printed());
        assertTrue(run.err().contains("Usage: java -jar resilient-circuit-impl-<version>-cli.jar <command>"),
                run.printed());
        assertTrue(run.err().contains("pg-setup"), run.printed());
    }

    @Test
    void helpPrintsUsageAndExits0() {
        for (String help : List.of("--help", "-h", "help")) {
            CliRun run = run(help);

            assertEquals(Main.OK, run.exit(), run.printed());
            assertTrue(run.out().contains("  pg-setup  Create or upgrade the table rc_circuit_breakers"), run.printed());
            assertEquals("", run.err());
        }
    }

    @Test
    void anUnknownCommandIsNamed() {
        CliRun run = run("pg-stup", "--yes");

        assertEquals(Main.USAGE, run.exit());
        assertTrue(run.err().startsWith("resilient-circuit: unknown command 'pg-stup'\n"), run.printed());
        assertTrue(run.err().contains("Commands:"), run.printed());
    }

    @Test
    void aCommandsHelpShowsItsOptions() {
        CliRun run = run("pg-setup", "--help");

        assertEquals(Main.OK, run.exit());
        assertTrue(run.out().contains("Usage: pg-setup [--yes] [--dry-run] [--grant ROLE] [--url JDBC_URL | --dsn DSN]"), run.printed());
        assertTrue(run.out().contains("RC_DB_HOST"), run.printed());
    }

    @Test
    void badArgumentsOfACommandAreNamed() {
        assertUsageError("unknown option '--force'", "pg-setup", "--force");
        assertUsageError("unexpected argument 'now'", "pg-setup", "--yes", "now");
        assertUsageError("option '--url' needs a value", "pg-setup", "--url");
        assertUsageError("option '--url' needs a value", "pg-setup", "--url", "--yes");
        assertUsageError("--url is not a PostgreSQL JDBC URL", "pg-setup", "--dry-run", "--url=mysql://h/db");
    }

    private void assertUsageError(String message, String... args) {
        CliRun run = run(args);
        assertEquals(Main.USAGE, run.exit(), run.printed());
        assertTrue(run.err().startsWith("resilient-circuit pg-setup: " + message), run.printed());
        assertTrue(run.err().contains("Usage: pg-setup"), run.printed());
    }

    @Test
    void commandsAreAddedThroughTheRegistry() {
        Command sample = new Command() {
            @Override
            public String name() {
                return "sample";
            }

            @Override
            public String summary() {
                return "Show a sample";
            }

            @Override
            public String usage() {
                return "Usage: sample\n";
            }

            @Override
            public int run(List<String> args, CliContext context) {
                context.out().println("sample of " + args);
                return Main.OK;
            }
        };
        Commands commands = Commands.standard().register(sample);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(new BufferedReader(new StringReader("")), stream, stream, Map.of(),
                workDir);

        assertEquals(Main.OK, Main.run(new String[] {"sample", "a"}, context, commands));
        assertEquals(Main.OK, Main.run(new String[] {"--help"}, context, commands));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("sample of [a]"), printed);
        assertTrue(printed.contains("  pg-setup  Create or upgrade"), printed);
        assertTrue(printed.contains("  sample    Show a sample"), printed);
    }
}
