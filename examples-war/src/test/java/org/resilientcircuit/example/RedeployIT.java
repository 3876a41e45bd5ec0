package org.resilientcircuit.example;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Redeploying the application 20 times on one Payara Micro leaves nothing of the earlier deployments
 * behind: no thread of the library, no class loader of the application (with its classes), no
 * connection the library held. Counted after two redeployments first, once the server's own
 * one-time holders have each kept a loader (its log file handler's thread and its scheduler's first
 * thread keep the first deployment's, its security manager cache one more). Payara Micro redeploys an exploded WAR when its {@code .reload} file
 * changes; every deployment is used (guarded calls, asynchronous executions, the shared store)
 * before the next one replaces it. What the JVM holds is read with {@code jcmd} after full
 * collections that clear soft references too, and printed (the figures of the closing note).
 */
class RedeployIT {

    private static final int REDEPLOYMENTS = 20;
    private static final String APPLICATION_LOADER = "org.glassfish.web.loader.WebappClassLoader";
    private static final Duration BOOT = Duration.ofSeconds(240);
    private static final Duration REDEPLOY = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Duration RETOUCH = Duration.ofSeconds(20);
    private static final int WARM_UP = 2;

    @Test
    void twentyRedeploymentsLeaveNoThreadClassLoaderOrConnectionBehind() throws Exception {
        String namespace = ExampleSettings.scratchNamespace("redeploy");
        Path application = explodedCopy();
        try (PayaraMicro server = PayaraMicro.start("redeploy", ExampleSettings.work(), ExampleSettings.postBootCommands(),
                Map.of("rc.namespace", namespace), application, List.of("-XX:SoftRefLRUPolicyMSPerMB=0"))) {
            server.awaitDeployed(BOOT);
            ExampleClient client = new ExampleClient(server);
            use(client);
            redeploy(application, client, WARM_UP); // the server's one-time caches (logging, security) fill first
            JvmSnapshot before = settled(server, Integer.MAX_VALUE);
            int connectionsBefore = libraryConnections();

            redeploy(application, client, REDEPLOYMENTS);
            JvmSnapshot after = settled(server, before.loaders(APPLICATION_LOADER));
            int connectionsAfter = libraryConnections();
            String heapDump = System.getProperty("redeploy.heapdump");
            if (heapDump != null) { // to find what holds an earlier deployment's loader
                JvmSnapshot.heapDump(server.pid(), Path.of(heapDump).toAbsolutePath());
            }

            report(before, after, connectionsBefore, connectionsAfter);
            assertAll(
                    () -> assertEquals(before.libraryThreads(), after.libraryThreads(), "threads named resilient-circuit*"),
                    () -> assertTrue(after.loaders(APPLICATION_LOADER) <= before.loaders(APPLICATION_LOADER),
                            "application class loaders: " + before.loaders(APPLICATION_LOADER) + " before, "
                                    + after.loaders(APPLICATION_LOADER) + " after"),
                    () -> assertEquals(connectionsBefore, connectionsAfter, "connections the library holds"));
        } finally {
            ExampleSettings.dropNamespace(namespace);
            delete(application);
        }
    }

    /** Redeploys {@code times} times, using each deployment before the next replaces it. */
    private static void redeploy(Path application, ExampleClient client, int times) throws IOException {
        for (int deployment = 1; deployment <= times; deployment++) {
            String started = client.get("instance").getString("started");
            long deadline = System.nanoTime() + REDEPLOY.toNanos();
            boolean redeployed = false;
            while (!redeployed) {
                touchReload(application, deployment);
                // Payara Micro compares the file's time with the last one it saw: a change it missed (it once
                // did, right after a deployment) is made again rather than waited for to the end
                redeployed = redeployedWithin(client, started, RETOUCH);
                if (!redeployed && System.nanoTime() - deadline > 0) {
                    throw new AssertionError("redeployment " + deployment + " did not happen within "
                            + REDEPLOY.toSeconds() + " s of touching " + application.resolve(".reload"));
                }
            }
            use(client);
        }
    }

    private static void touchReload(Path application, int deployment) throws IOException {
        Files.setLastModifiedTime(Files.writeString(application.resolve(".reload"), "redeployment " + deployment),
                FileTime.from(Instant.now()));
    }

    private static boolean redeployedWithin(ExampleClient client, String started, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() - deadline < 0) {
            String now = startedOrNull(client);
            if (now != null && !now.equals(started)) {
                return true;
            }
            PayaraMicro.sleep(100);
        }
        return false;
    }

    /**
     * A snapshot once at most {@code loaders} application class loaders are live, or the last one
     * after {@link #SETTLE}: a timeout the container's scheduler runs is cancelled when the call
     * ends, but stays queued (with its deployment's context) until it is due, 10 s at most here.
     */
    private static JvmSnapshot settled(PayaraMicro server, int loaders) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            JvmSnapshot snapshot = JvmSnapshot.of(server.pid());
            if (snapshot.loaders(APPLICATION_LOADER) <= loaders || System.nanoTime() - deadline > 0) {
                return snapshot;
            }
            PayaraMicro.sleep(2000);
        }
    }

    /** Guarded calls through the store and asynchronous executions: each deployment starts what it can. */
    private static void use(ExampleClient client) {
        for (int i = 0; i < 3; i++) {
            client.call("payment.charge");
            client.get("threads/async-lookup?via=resource&failures=1");
        }
        client.get("threads/together?n=4");
    }

    private static String startedOrNull(ExampleClient client) {
        try {
            return client.get("instance").getString("started");
        } catch (AssertionError | RuntimeException redeploying) {
            return null;
        }
    }

    /** Sessions of the library's threads (they name themselves resilient-circuit ... while they hold one). */
    private static int libraryConnections() throws SQLException {
        try (Connection connection = DriverManager.getConnection(ExampleSettings.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND application_name LIKE 'resilient-circuit%'")) {
            count.next();
            return count.getInt(1);
        }
    }

    private static void report(JvmSnapshot before, JvmSnapshot after, int connectionsBefore, int connectionsAfter) {
        StringBuilder text = new StringBuilder("After " + (WARM_UP + 1) + " deployments, and after " + REDEPLOYMENTS
                + " more:\n");
        text.append(String.format("  %-55s %8s %8s%n", "", "before", "after"));
        text.append(String.format("  %-55s %8d %8d%n", "live threads", before.threads(), after.threads()));
        text.append(String.format("  %-55s %8d %8d%n", "live threads named resilient-circuit*", before.libraryThreads(),
                after.libraryThreads()));
        text.append(String.format("  %-55s %8d %8d%n", "connections held by the library", connectionsBefore, connectionsAfter));
        Stream.concat(before.loaders().keySet().stream(), after.loaders().keySet().stream()).distinct().sorted()
                .filter(type -> before.loaders(type) != after.loaders(type) || type.equals(APPLICATION_LOADER))
                .forEach(type -> text.append(String.format("  %-55s %8s %8s%n", "loaders " + type,
                        before.loaders(type) + " (" + before.classes(type) + " cl.)",
                        after.loaders(type) + " (" + after.classes(type) + " cl.)")));
        System.out.println(text);
    }

    private static Path explodedCopy() throws IOException {
        Path source = ExampleSettings.explodedWar();
        Path target = Files.createDirectories(ExampleSettings.work()).resolve("redeploy-app-" + System.nanoTime());
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
        return target;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
