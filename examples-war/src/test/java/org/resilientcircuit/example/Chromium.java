package org.resilientcircuit.example;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium as a person's browser: loads a page, lets its scripts run for a while
 * ({@code --virtual-time-budget}), then saves a screenshot or prints the DOM as the scripts left it.
 * Each run has a fresh profile, no background networking and a bounded time; the process is always
 * ended.
 */
final class Chromium {

    private static final long TIMEOUT_SECONDS = 90;
    private static final int SCRIPT_MILLIS = 4000;

    private final Path executable;
    private final Path profiles;

    private Chromium(Path executable, Path profiles) {
        this.executable = executable;
        this.profiles = profiles;
    }

    /** {@code CHROMIUM} if set, else chromium, chromium-browser or google-chrome on the PATH. */
    static Chromium find(Path profiles) {
        Optional<Path> found = Optional.ofNullable(System.getenv("CHROMIUM")).filter(s -> !s.isBlank()).map(Paths::get);
        if (found.isEmpty()) {
            found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                    .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome").map(n -> Paths.get(dir, n)))
                    .filter(Files::isExecutable)
                    .findFirst();
        }
        Path executable = found.orElseThrow(() -> new AssertionError(
                "Chromium not found (the status-page test needs it): apt-get install -y chromium, or set CHROMIUM"));
        return new Chromium(executable, profiles);
    }

    /** Saves a screenshot of the page after its scripts ran. */
    void screenshot(String url, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(url, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1400,1000", "--hide-scrollbars"));
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new AssertionError("Chromium wrote no screenshot to " + png);
        }
    }

    /** The page's DOM, serialised after its scripts ran. */
    String dumpDom(String url) throws IOException {
        return run(url, List.of("--dump-dom"));
    }

    private String run(String url, List<String> what) throws IOException {
        Files.createDirectories(profiles);
        Path profile = Files.createTempDirectory(profiles, "profile-");
        Path output = profile.resolveSibling(profile.getFileName() + ".out");
        Path errors = profile.resolveSibling(profile.getFileName() + ".err");
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--virtual-time-budget=" + SCRIPT_MILLIS));
        command.addAll(what);
        command.add(url);
        Process process = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command
                        + "\n" + tail(errors));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("Chromium exited with " + process.exitValue() + ": " + command + "\n" + tail(errors));
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // only disk space
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
