package org.resilientcircuit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;
import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * However the password is given (a URL's user-info or {@code password=}, a DSN, {@code RC_DB_PASSWORD}
 * in the environment or in {@code .env}), no command prints it: {@code pg-setup}, {@code pg-setup --dry-run},
 * {@code status}, and {@code status} and {@code pg-setup} that cannot connect. The test server trusts
 * 127.0.0.1, so a password is accepted whatever it is.
 */
class SecretsNeverPrintedTest {

    private static final String SECRET = "Zq9-s3cret-wXy";

    private static TestDatabase db;
    private static String host;
    private static int port;
    private static int closedPort;

    @TempDir
    Path workDir;

    /** One way of giving the password: options, environment, .env, each for a given port. */
    private record Way(String name, IntFunction<List<String>> options, IntFunction<Map<String, String>> env,
            IntFunction<String> dotEnv) {
    }

    @BeforeAll
    static void database() throws IOException {
        db = TestDatabase.create(SecretsNeverPrintedTest.class);
        Properties server = Driver.parseURL(db.jdbcUrl(), null);
        host = server.getProperty("PGHOST");
        port = Integer.parseInt(server.getProperty("PGPORT"));
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens there once closed
        }
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    private static List<Way> ways() {
        String base = "jdbc:postgresql://" + host + ":%d/" + db.name();
        return List.of(
                new Way("--url with user-info", p -> List.of("--url", "jdbc:postgresql://postgres:" + SECRET + "@" + host
                        + ":" + p + "/" + db.name()), p -> Map.of(), p -> ""),
                new Way("--url with password=", p -> List.of("--url", String.format(base, p) + "?user=postgres&password="
                        + SECRET), p -> Map.of(), p -> ""),
                new Way("--dsn key/value", p -> List.of("--dsn", "host=" + host + " port=" + p + " dbname=" + db.name()
                        + " user=postgres password=" + SECRET), p -> Map.of(), p -> ""),
                new Way("RC_DB_DSN URI", p -> List.of(), p -> Map.of("RC_DB_DSN", "postgresql://postgres:" + SECRET + "@"
                        + host + ":" + p + "/" + db.name() + "?connect_timeout=2"), p -> ""),
                new Way("RC_DB_URL and RC_DB_PASSWORD", p -> List.of(), p -> Map.of("RC_DB_URL", String.format(base, p)
                        + "?user=postgres", "RC_DB_PASSWORD", SECRET), p -> ""),
                new Way("RC_DB_HOST and RC_DB_PASSWORD", p -> List.of(), p -> Map.of("RC_DB_HOST", host, "RC_DB_PORT",
                        Integer.toString(p), "RC_DB_NAME", db.name(), "RC_DB_PASSWORD", SECRET), p -> ""),
                new Way(".env", p -> List.of(), p -> Map.of(), p -> "RC_DB_HOST=" + host + "\nRC_DB_PORT=" + p
                        + "\nRC_DB_NAME=" + db.name() + "\nRC_DB_PASSWORD=\"" + SECRET + "\"\n"));
    }

    @Test
    void noCommandPrintsThePasswordHoweverItWasGiven() throws IOException {
        for (Way way : ways()) {
            CliRun setUp = run(way, port, "pg-setup", "--yes");
            assertEquals(Main.OK, setUp.exit(), way.name() + ": " + setUp.printed());
            assertTrue(setUp.out().contains("database " + db.name()), way.name() + ": " + setUp.printed());

            CliRun dryRun = run(way, port, "pg-setup", "--dry-run");
            assertEquals(Main.OK, dryRun.exit(), way.name() + ": " + dryRun.printed());
            assertTrue(dryRun.out().contains("-- Target: host " + host + ":" + port + ", database " + db.name()
                    + ", user postgres"), way.name() + ": " + dryRun.printed());

            CliRun status = run(way, port, "status");
            assertEquals(Main.OK, status.exit(), way.name() + ": " + status.printed());

            CliRun unreachable = run(way, closedPort, "status");
            assertEquals(Main.FAILURE, unreachable.exit(), way.name() + ": " + unreachable.printed());
            assertTrue(unreachable.err().contains("cannot connect to PostgreSQL at " + host + ":" + closedPort + "/"
                    + db.name()), way.name() + ": " + unreachable.printed());

            CliRun setUpUnreachable = run(way, closedPort, "pg-setup", "--yes");
            assertEquals(Main.FAILURE, setUpUnreachable.exit(), way.name() + ": " + setUpUnreachable.printed());

            for (CliRun run : List.of(setUp, dryRun, status, unreachable, setUpUnreachable)) {
                assertFalse(run.out().contains(SECRET) || run.err().contains(SECRET),
                        way.name() + " printed the password: " + run.printed());
            }
        }
    }

    private CliRun run(Way way, int atPort, String... command) throws IOException {
        Files.writeString(workDir.resolve(".env"), way.dotEnv().apply(atPort));
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(way.options().apply(atPort));
        return CliRun.run("", way.env().apply(atPort), workDir, args.toArray(String[]::new));
    }
}
