package org.resilientcircuit.benchmarks.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The harness's handle on one {@link BenchMember} JVM: sends commands, waits (always with a bound) for
 * the answers, and kills the process. A member that dies or stops answering ends the run with the
 * tail of its log instead of hanging it.
 */
final class MemberProcess implements AutoCloseable {

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final String EOF = "\u0000EOF";

    final String name;
    private final Process process;
    private final Writer stdin;
    private final Path log;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private MemberProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "member-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a member JVM on this JVM's class path with the given system properties (no waiting). */
    static MemberProcess launch(String name, Map<String, String> systemProperties, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms64m", "-Xmx128m", "-Xss512k", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path")));
            systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add(BenchMember.class.getName());
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
            return new MemberProcess(name, process, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot launch member " + name, e);
        }
    }

    private void readAnswers() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                int at = line.indexOf(BenchMember.PREFIX);
                if (at >= 0) {
                    answers.add(line.substring(at + BenchMember.PREFIX.length()));
                }
            }
        } catch (IOException closed) {
            // the process is gone
        } finally {
            answers.add(EOF);
        }
    }

    void awaitReady(Duration timeout) {
        String ready = expect(timeout);
        if (!ready.startsWith("READY")) {
            throw failure("expected READY, got " + ready);
        }
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
            throw failure("the process ended");
        }
        if (answer.startsWith("ERROR")) {
            throw failure("answered " + answer);
        }
        return answer;
    }

    /** Expects an answer starting with {@code word}; returns its fields after the word. */
    String[] expectWord(String word, Duration timeout) {
        String answer = expect(timeout);
        String[] fields = answer.split(" ");
        if (!fields[0].equals(word)) {
            throw failure("expected " + word + ", got " + answer);
        }
        String[] rest = new String[fields.length - 1];
        System.arraycopy(fields, 1, rest, 0, rest.length);
        return rest;
    }

    /** One command, one answer that must start with {@code word}. */
    String[] ask(String command, String word) {
        send(command);
        return expectWord(word, ANSWER_TIMEOUT);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                send("exit");
                if (process.waitFor(3, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (RuntimeException | InterruptedException alreadyGone) {
                // kill below
            }
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    IllegalStateException failure(String problem) {
        return new IllegalStateException("member " + name + ": " + problem + "\n--- tail of " + log + " ---\n" + logTail(30));
    }

    private String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
