package org.resilientcircuit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.resilientcircuit.cli.CliContext;
import org.resilientcircuit.cli.Main;
import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * The shell commands of the documentation: how a block's text becomes command lines and words, and
 * how each line runs (the command-line jar's commands through {@code Main.run} against a scratch
 * database, a {@code | jq} after one through the real jq).
 */
final class DocCommands {

    private final TestDatabase db;

    DocCommands(TestDatabase db) {
        this.db = db;
    }

    /** The commands of a block: console lines after "$ ", else every line; continuations joined, comments dropped. */
    static List<String> commands(DocsSnippetsTest.Block block) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : block.text().lines().toList()) {
            String line = raw;
            if (current.length() == 0) {
                if (block.language().equals("console")) {
                    if (!line.startsWith("$ ")) {
                        continue;
                    }
                    line = line.substring(2);
                }
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
            }
            if (line.stripTrailing().endsWith("\\")) {
                String kept = line.stripTrailing();
                current.append(kept, 0, kept.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            commands.add(withoutComment(current.toString()).strip());
            current.setLength(0);
        }
        return commands;
    }

    /** The line without a trailing {@code # comment} (a # outside quotes, after white space). */
    static String withoutComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).stripTrailing();
            }
        }
        return line;
    }

    /** Words of a command line, quotes removed; a "|" outside quotes is a word of its own. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '|') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                words.add("|");
            } else {
                word.append(c);
                inWord = true;
            }
        }
        assertEquals(0, quote, "an unclosed quote in: " + line);
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    void run(DocsSnippetsTest.Block block, String command, Path work) throws Exception {
        List<String> words = words(command);
        int pipe = words.indexOf("|");
        List<String> cli = pipe < 0 ? words : words.subList(0, pipe);
        List<String> args;
        if (cli.size() >= 3 && cli.get(0).equals("java") && cli.get(1).equals("-jar") && cli.get(2).endsWith("-cli.jar")) {
            args = new ArrayList<>(cli.subList(3, cli.size()));
        } else if (!cli.isEmpty() && cli.get(0).equals("rc")) {
            args = new ArrayList<>(cli.subList(1, cli.size()));
        } else {
            throw new AssertionError(block.where() + ": '" + command + "' is not a command this test can run; run it in a"
                    + " test, or mark the block <!-- not run: REASON -->");
        }
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--url")) {
                args.set(i + 1, db.jdbcUrl());
            }
        }
        seedKeyOf(args);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CliContext context = new CliContext(new BufferedReader(new StringReader("y\n")), outStream, errStream,
                    Map.of("RC_DB_URL", db.jdbcUrl()), work);
            exit = Main.run(args.toArray(String[]::new), context);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new AssertionError(block.where() + ": '" + command + "' exited with " + exit + "\n--- out:\n" + printed
                    + "--- err:\n" + err.toString(StandardCharsets.UTF_8));
        }
        if (pipe >= 0) {
            pipeInto(block, command, words.subList(pipe + 1, words.size()), printed);
        }
    }

    private void pipeInto(DocsSnippetsTest.Block block, String command, List<String> program, String input) throws Exception {
        assertTrue(!program.isEmpty() && program.get(0).equals("jq") && !program.contains("|"),
                block.where() + ": only one pipe into jq is run: " + command);
        Process jq;
        try {
            jq = new ProcessBuilder(program).redirectErrorStream(true).start();
        } catch (IOException noJq) {
            // without jq, at least what the command printed must be the JSON that jq would read
            assertTrue(input.strip().startsWith("{") && input.strip().endsWith("}"), block.where() + ": JSON for jq: " + input);
            return;
        }
        jq.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        jq.getOutputStream().close();
        String output = new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jq.waitFor(30, TimeUnit.SECONDS), "jq finishes");
        assertEquals(0, jq.exitValue(), block.where() + ": '" + command + "': jq says " + output);
    }

    /** reset and open act on a key an instance has used: give it the CLOSED row an instance would have made. */
    private void seedKeyOf(List<String> args) {
        if (args.isEmpty() || !(args.get(0).equals("reset") || args.get(0).equals("open"))) {
            return;
        }
        String namespace = "";
        String key = null;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-n") || a.equals("--namespace")) {
                namespace = args.get(++i);
            } else if (a.equals("--for")) {
                i++;
            } else if (a.equals("--")) {
                key = i + 1 < args.size() ? args.get(i + 1) : null;
                break;
            } else if (!a.startsWith("-") && key == null) {
                key = a;
            }
        }
        if (key != null) {
            db.execute("INSERT INTO rc_circuit_breakers (namespace, resource_key, state) VALUES ('"
                    + namespace.replace("'", "''") + "', '" + key.replace("'", "''") + "', 'CLOSED') ON CONFLICT DO NOTHING");
        }
    }
}
