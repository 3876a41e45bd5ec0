package org.resilientcircuit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PgBouncer of a test's own in front of a {@link PostgresCluster}, in transaction pooling mode
 * with a small server pool, as a platform team runs it: consecutive statements of one client run on
 * different server connections, and notifications of a LISTEN never reach the client. Started as
 * the {@code postgres} user (PgBouncer refuses root), on a free port, under a temporary directory;
 * {@link #close()} stops it. The Debian package {@code pgbouncer} (which {@code .ci/run} installs).
 */
public final class PgBouncer implements AutoCloseable {

    private static final String BINARY = "/usr/sbin/pgbouncer";
    private final Path dir;
    private final int port;
    private final Process process;

    private PgBouncer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Pools database {@code database} of {@code cluster} (user postgres, trusted) in transaction mode. */
    public static PgBouncer transactionMode(PostgresCluster cluster, String database) {
        try {
            Path dir = Files.createTempDirectory("rc-pgbouncer-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            int port = freePort();
            Files.write(dir.resolve("userlist.txt"), List.of("\"postgres\" \"\""));
            Files.write(dir.resolve("pgbouncer.ini"), List.of(
                    "[databases]",
                    database + " = host=127.0.0.1 port=" + cluster.port() + " dbname=" + database + " user=postgres",
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "auth_type = trust",
                    "auth_file = " + dir.resolve("userlist.txt"),
                    "pool_mode = transaction",
                    "default_pool_size = 4",
                    "max_client_conn = 100",
                    "ignore_startup_parameters = extra_float_digits,options",
                    "logfile = " + dir.resolve("pgbouncer.log"),
                    "pidfile = " + dir.resolve("pgbouncer.pid")));
            Commands.run(30, "chown", "-R", "postgres:postgres", dir.toString());
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.addAll(List.of(BINARY, dir.resolve("pgbouncer.ini").toString()));
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            PgBouncer bouncer = new PgBouncer(dir, port, process);
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** A JDBC URL through the pooler, as user postgres. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("pgbouncer ended: " + log());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new AssertionError("pgbouncer not listening on " + port + " after 20 s: " + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("stdout.log")) + (Files.exists(dir.resolve("pgbouncer.log"))
                    ? Files.readString(dir.resolve("pgbouncer.log")) : "");
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            // runuser may not pass the signal on: stop PgBouncer itself by its pid file
            Commands.run(10, "kill", Files.readString(dir.resolve("pgbouncer.pid")).strip());
        } catch (IOException | AssertionError alreadyGone) {
            // it is not running
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("[pgbouncer] cannot delete " + dir + ": " + e);
        }
    }
}
