package org.resilientcircuit.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Payara Micro process running the example WAR: its own free port (bound to 127.0.0.1 only), its
 * own root directory, no Hazelcast, no phone-home, the PostgreSQL driver added with
 * {@code --addLibs}, a JDBC pool and resource created by a post-boot command file.
 *
 * <p>{@link #awaitDeployed} fails, with the end of the server log, when the server exits, logs a
 * deployment or boot-command failure, or does not answer on the application's endpoint: Payara Micro
 * says "ready" even when the application failed to deploy. Every wait is bounded; {@link #close()}
 * always ends the process.
 */
final class PayaraMicro implements AutoCloseable {

    /** Log lines that mean the server is up (not that the application is). */
    private static final Pattern READY = Pattern.compile("Payara Micro .* ready in ");
    /** Log lines that mean the application, or a boot command, failed. */
    private static final Pattern FAILED = Pattern.compile(
            "Exception while loading the app|Exception during lifecycle processing|CDI definition failure"
                    + "|Failed to deploy|deployment failed|returned with result FAILURE|Could not start|Fatal error",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final int port;
    private final Path directory;
    private final Path log;
    private final Process process;

    private PayaraMicro(String name, int port, Path directory, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.directory = directory;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts a server and returns at once; call {@link #awaitDeployed} next.
     *
     * @param name the instance's name, also its {@code rc.instance}
     * @param work the directory for its files ({@code name-N/}: the server log, its root directory)
     * @param postBoot the asadmin commands to run after boot
     * @param systemProperties more {@code -D} settings (MicroProfile Config reads them)
     */
    static PayaraMicro start(String name, Path work, List<String> postBoot, Map<String, String> systemProperties)
            throws IOException {
        return start(name, work, postBoot, systemProperties, ExampleSettings.war(), List.of());
    }

    /**
     * As {@link #start(String, Path, List, Map)}, deploying {@code deployment} (a WAR, or an exploded
     * WAR's directory) and with more JVM options.
     */
    static PayaraMicro start(String name, Path work, List<String> postBoot, Map<String, String> systemProperties,
            Path deployment, List<String> jvmOptions) throws IOException {
        Path directory = newDirectory(work, name);
        Path preBootFile = Files.writeString(directory.resolve("preboot.asadmin"),
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n");
        Path postBootFile = Files.writeString(directory.resolve("postboot.asadmin"), String.join("\n", postBoot) + "\n");
        Path tmp = Files.createDirectories(directory.resolve("tmp"));
        int port = freePort();

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("rc.instance", name);
        properties.putAll(systemProperties);

        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1"); // boots faster; these are short runs
        command.add("-Djava.io.tmpdir=" + tmp);
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", ExampleSettings.payaraMicroJar().toString(),
                "--nohazelcast", "--disablephonehome",
                "--port", Integer.toString(port),
                "--rootdir", directory.resolve("root").toString(),
                "--addLibs", ExampleSettings.postgresqlJar().toString(),
                "--prebootcommandfile", preBootFile.toString(),
                "--postbootcommandfile", postBootFile.toString(),
                "--deploy", deployment.toString(),
                "--contextroot", "/"));
        Files.writeString(directory.resolve("command.txt"), String.join(" ", command) + "\n");
        Path log = directory.resolve("server.log");
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PayaraMicro(name, port, directory, log, process);
    }

    /** Waits until the application answers on {@code /api/instance}; fails with the log's end otherwise. */
    PayaraMicro awaitDeployed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean serverReady = false;
        while (System.nanoTime() - deadline < 0) {
            String text = logText();
            if (FAILED.matcher(text).find()) {
                awaitBootEnd(Math.min(deadline, System.nanoTime() + Duration.ofSeconds(30).toNanos()));
                throw failure("the application failed to deploy (or a boot command failed)");
            }
            if (!process.isAlive()) {
                throw failure("the server exited with code " + process.exitValue() + " before the application was up");
            }
            if (!serverReady && READY.matcher(text).find()) {
                serverReady = true;
            }
            if (serverReady) {
                // "ready" is logged whether or not the application deployed: ask the application
                HttpResponse<String> answer = probe();
                if (answer != null && answer.statusCode() == 200 && answer.body().contains("\"resilient-circuit-example\"")) {
                    return this;
                }
                if (answer != null && answer.statusCode() == 404) {
                    throw failure("the server is ready but the application is not deployed (GET /api/instance: 404)");
                }
            }
            sleep(250);
        }
        throw failure("not deployed within " + timeout.toSeconds() + " s");
    }

    /** Lets the server finish booting (or exit) so that the log tells the whole story. */
    private void awaitBootEnd(long deadline) {
        while (process.isAlive() && !READY.matcher(logText()).find() && System.nanoTime() - deadline < 0) {
            sleep(250);
        }
    }

    private HttpResponse<String> probe() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "api/instance"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException notYet) {
            return null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** {@code http://127.0.0.1:PORT/} */
    String baseUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** The server's process id, for jcmd. */
    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** The server's log so far, without colour codes. */
    String logText() {
        try {
            byte[] bytes = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
            return ANSI.matcher(new String(bytes, StandardCharsets.UTF_8)).replaceAll("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the server's log. */
    String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private AssertionError failure(String what) {
        close();
        return new AssertionError("Payara Micro " + name + " (port " + port + "): " + what + "; log " + log
                + ", its last lines:\n" + logTail(80));
    }

    /** Stops the server: asks it to shut down, then kills it; removes its unpacked runtime, keeps its log. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException interrupted) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deleteQuietly(directory.resolve("root"));
        deleteQuietly(directory.resolve("tmp"));
    }

    /** Kills the process at once (tests' last resort). */
    void kill() {
        process.destroyForcibly();
    }

    private static Path newDirectory(Path work, String name) throws IOException {
        Files.createDirectories(work);
        for (int run = 1; ; run++) {
            Path candidate = work.resolve(name + "-" + run);
            if (!Files.exists(candidate)) {
                return Files.createDirectories(candidate);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // only disk space
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
