package org.resilientcircuit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL 15 cluster of a test's own: {@code initdb} in a temporary directory, a free port on
 * 127.0.0.1, its Unix socket in that directory; started, stopped ("killed" with
 * {@code -m immediate}), promoted and removed by the test. For what the shared server must never
 * do: TLS-only access, client certificates, a primary that dies. Runs the server as the
 * {@code postgres} OS user when the tests run as root (PostgreSQL refuses root), as CI does.
 *
 * <pre>{@code
 * try (PostgresCluster primary = PostgresCluster.named("p").ssl(crt, key, ca).hba("hostssl all all 127.0.0.1/32 cert").start();
 *      PostgresCluster replica = PostgresCluster.named("r").replicaOf(primary).start()) { ... }
 * }</pre>
 */
public final class PostgresCluster implements AutoCloseable {

    /** {@code -Drc.test.pg.bin=DIR}, else the newest server installed the Debian way (CI installs PostgreSQL 15). */
    static final Path BIN = Path.of(System.getProperty("rc.test.pg.bin", newestInstalled()));
    private static final String OS_USER = "postgres";
    private static final List<String> TRUST_LOCAL = List.of("local all all trust", "local replication all trust");
    private static final List<String> TRUST_TCP = List.of("host all all 127.0.0.1/32 trust",
            "host replication all 127.0.0.1/32 trust");

    private final String name;
    private final List<String> hba = new ArrayList<>(TRUST_TCP);
    private final List<String> settings = new ArrayList<>();
    private Path[] sslFiles;
    private PostgresCluster primary;
    private Path dir;
    private int port;
    private boolean running;

    private PostgresCluster(String name) {
        this.name = name;
    }

    /** A cluster to be configured, then {@link #start()}ed. */
    public static PostgresCluster named(String name) {
        return new PostgresCluster(name);
    }

    /** TLS on, with this server certificate and key; {@code ca} (may be null) verifies client certificates. */
    public PostgresCluster ssl(Path certificate, Path key, Path ca) {
        sslFiles = new Path[] {certificate, key, ca};
        return this;
    }

    /** These {@code pg_hba.conf} lines for TCP instead of "trust everyone on 127.0.0.1" (local socket stays trusted). */
    public PostgresCluster hba(String... lines) {
        hba.clear();
        hba.addAll(List.of(lines));
        return this;
    }

    /** A {@code postgresql.conf} line. */
    public PostgresCluster setting(String line) {
        settings.add(line);
        return this;
    }

    /** A hot standby streaming from {@code source} (pg_basebackup -R), instead of a new cluster. */
    public PostgresCluster replicaOf(PostgresCluster source) {
        this.primary = source;
        return this;
    }

    /** Creates the cluster (or the replica's copy) and starts it; returns once it accepts connections. */
    public PostgresCluster start() {
        try {
            dir = Files.createTempDirectory("rc-pg-" + name + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            port = freePort();
            if (isRoot()) {
                Commands.run(30, "chown", OS_USER + ":" + OS_USER, dir.toString());
            }
            if (primary == null) {
                asPostgres(BIN.resolve("initdb").toString(), "-D", data(), "-U", OS_USER, "-E", "UTF8", "--no-sync",
                        "--auth=trust");
                Files.write(dir.resolve("data/pg_hba.conf"), Stream.concat(TRUST_LOCAL.stream(), hba.stream()).toList());
            } else {
                asPostgres(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", Integer.toString(primary.port),
                        "-U", OS_USER, "-D", data(), "-R", "-X", "stream", "--no-sync", "--checkpoint=fast");
            }
            configure();
            restart();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void configure() throws IOException {
        List<String> conf = new ArrayList<>(List.of("port = " + port, "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + dir + "'", "fsync = off", "shared_buffers = 16MB",
                "max_connections = 40", "wal_level = replica", "max_wal_senders = 5", "hot_standby = on"));
        if (sslFiles != null) {
            Files.copy(sslFiles[0], dir.resolve("server.crt"));
            Files.copy(sslFiles[1], dir.resolve("server.key"));
            conf.addAll(List.of("ssl = on", "ssl_cert_file = '" + dir.resolve("server.crt") + "'",
                    "ssl_key_file = '" + dir.resolve("server.key") + "'"));
            if (sslFiles[2] != null) {
                Files.copy(sslFiles[2], dir.resolve("client-ca.crt"));
                conf.add("ssl_ca_file = '" + dir.resolve("client-ca.crt") + "'");
            }
        }
        conf.addAll(settings);
        Files.write(dir.resolve("data/postgresql.conf"), conf, java.nio.file.StandardOpenOption.APPEND);
        if (isRoot()) {
            Commands.run(30, "chown", "-R", OS_USER + ":" + OS_USER, dir.toString());
        }
        if (Files.exists(dir.resolve("server.key"))) {
            Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Starts a stopped cluster again, on the same port. */
    public void restart() {
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "start");
        running = true;
    }

    /** Stops it: {@code fast} (clients disconnected cleanly) or {@code immediate} (as if the machine died). */
    public void stop(String mode) {
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", mode, "-w", "-t", "60", "stop");
        running = false;
    }

    /** Makes a standby the primary; returns once it accepts writes. */
    public void promote() {
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data(), "-w", "-t", "60", "promote");
    }

    /** Runs SQL as postgres over the Unix socket (so whatever the TCP rules are), returns psql's unaligned output. */
    public String sql(String database, String sql) {
        return asPostgres(BIN.resolve("psql").toString(), "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-h", dir.toString(),
                "-p", Integer.toString(port), "-U", OS_USER, "-d", database, "-c", sql).strip();
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The end of the server's log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(dir.resolve("server.log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the server at once if it runs and deletes its directory. */
    @Override
    public void close() {
        try {
            if (running) {
                stop("immediate");
            }
        } finally {
            deleteDirectory();
        }
    }

    private void deleteDirectory() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("[cluster " + name + "] cannot delete " + dir + ": " + e);
        }
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private static String asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(List.of(command));
        return Commands.run(120, full);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String newestInstalled() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                    .max(Comparator.comparing(version -> Integer.parseInt(version.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(version -> version.resolve("bin").toString())
                    .orElse("/usr/lib/postgresql/15/bin");
        } catch (IOException | RuntimeException none) {
            return "/usr/lib/postgresql/15/bin";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "cluster " + name + " on 127.0.0.1:" + port;
    }
}
