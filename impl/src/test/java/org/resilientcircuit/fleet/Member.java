package org.resilientcircuit.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.resilientcircuit.spi.BreakerPhase;

/**
 * The test's handle on one {@link FleetMember} process: sends commands, waits (always with a bound)
 * for the answers, and kills the process. A member that dies or stops answering fails the test with
 * the tail of its log instead of hanging it.
 */
final class Member implements AutoCloseable {

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);
    private static final String EOF = "\u0000EOF";

    final String name;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    /** System.nanoTime() at which each answer arrived, in the order of {@link #answers}. */
    private final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    private volatile long lastArrivalNanos;
    private final Path log;

    private Member(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "fleet-member-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Launches a member JVM with the test JVM's class path and the given system properties. */
    static Member launch(String name, List<String> systemProperties, Path logDir) {
        return launch(name, systemProperties, java.util.Map.of(), logDir);
    }

    /** ... and these environment variables on top of the test JVM's. */
    static Member launch(String name, List<String> systemProperties, java.util.Map<String, String> environment, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx96m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path")));
            systemProperties.forEach(p -> command.add("-D" + p));
            command.add(FleetMember.class.getName());
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            return new Member(name, process, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot launch member " + name, e);
        }
    }

    private void readAnswers() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                int at = line.indexOf(FleetMember.PREFIX);
                if (at >= 0) {
                    arrivals.add(System.nanoTime());
                    answers.add(line.substring(at + FleetMember.PREFIX.length()));
                }
            }
        } catch (IOException closed) {
            // the process is gone
        } finally {
            answers.add(EOF);
        }
    }

    /** @return the wall-clock time (epoch ms) at which the member became ready */
    long awaitReady(Duration timeout) {
        String ready = expect(timeout);
        if (!ready.startsWith("READY")) {
            throw failure("expected READY, got " + ready);
        }
        return Long.parseLong(ready.split(" ")[2]);
    }

    void send(String command) {
        try {
            stdin.write(command + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw failure("cannot send '" + command + "': " + e);
        }
    }

    String expect(Duration timeout) {
        String answer;
        try {
            answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for an answer");
        }
        if (answer == null) {
            throw failure("no answer within " + timeout.toMillis() + " ms");
        }
        if (answer.equals(EOF)) {
            answers.add(EOF);
            throw failure("the process ended (exit " + exitValue() + ")");
        }
        Long arrived = arrivals.poll();
        lastArrivalNanos = arrived != null ? arrived : System.nanoTime();
        if (answer.startsWith("ERROR")) {
            throw failure("answered " + answer);
        }
        return answer;
    }

    /** When the answer last returned by {@link #expect} arrived (System.nanoTime()). */
    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** One command, one answer. */
    String ask(String command) {
        send(command);
        return expect(ANSWER_TIMEOUT);
    }

    /** SUCCESS, FAILED or REJECTED. */
    String call(String mode) {
        return ask("call " + mode);
    }

    int count() {
        String answer = ask("count");
        return Integer.parseInt(answer.substring("COUNT ".length()));
    }

    /** The local view: phase, version, owner. */
    String[] state() {
        String answer = ask("state");
        return answer.substring("STATE ".length()).split(" ");
    }

    /** Whether the member's store runs on local state: true while it cannot write to the database. */
    boolean storeDegraded() {
        return ask("store").startsWith("STORE DEGRADED");
    }

    BreakerPhase phase() {
        return BreakerPhase.valueOf(state()[0]);
    }

    /** The local view of the second breaker: phase, version, owner. */
    String[] otherState() {
        return ask("state other").substring("STATE ".length()).split(" ");
    }

    /** How many notices the member's store gives (what it cannot use although it works). */
    int storeNotices() {
        return Integer.parseInt(ask("store").split(" ")[3]);
    }

    /** The keys whose rows the member's store cannot understand now (empty if none). */
    java.util.Set<String> unreadableKeys() {
        String keys = ask("store").split(" ")[2];
        return keys.equals("-") ? java.util.Set.of() : java.util.Set.of(keys.split(","));
    }

    /** Polls until {@code condition} holds on this member's answers; fails after {@code timeout}. */
    void await(String what, java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw failure("not " + what + " after " + timeout.toMillis() + " ms");
            }
            sleep(10);
        }
    }

    long version() {
        return Long.parseLong(state()[1]);
    }

    /** Polls the local view until it shows {@code phase}; fails after {@code timeout}. */
    void awaitPhase(BreakerPhase phase, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String[] last;
        do {
            last = state();
            if (BreakerPhase.valueOf(last[0]) == phase) {
                return;
            }
            sleep(10);
        } while (System.nanoTime() - deadline < 0);
        throw failure("still " + String.join(" ", last) + " after " + timeout.toMillis() + " ms, expected " + phase);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Ends the process at once (SIGKILL): no shutdown hook, no goodbye to the database. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw failure("did not die within 10 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private String exitValue() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    AssertionError failure(String problem) {
        return new AssertionError("member " + name + ": " + problem + "\n--- tail of " + log + " ---\n" + logTail(40));
    }

    /** How many lines of the member's log (its stderr: the library's logging) contain {@code text}. */
    long logLines(String text) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(line -> line.contains(text)).count();
        } catch (IOException e) {
            throw failure("cannot read the log: " + e);
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
