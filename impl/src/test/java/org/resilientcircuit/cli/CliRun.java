package org.resilientcircuit.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run of the command line in this JVM, with its own standard input, environment and working
 * directory, and what it printed.
 *
 * @param exit the exit code
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
record CliRun(int exit, String out, String err) {

    static CliRun run(String stdin, Map<String, String> env, Path workDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CliContext context = new CliContext(new BufferedReader(new StringReader(stdin)), outStream, errStream,
                    Map.copyOf(env), workDir);
            int exit = Main.run(args, context);
            return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Everything printed, for messages of failed assertions. */
    String printed() {
        return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
