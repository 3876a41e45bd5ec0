package org.resilientcircuit.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch of the world: its standard streams, the environment and the working
 * directory. Tests pass their own, so that nothing real is read or changed.
 *
 * @param in standard input (answers to prompts)
 * @param out standard output
 * @param err standard error
 * @param env the environment variables
 * @param workDir the working directory (where {@code .env} is looked for)
 */
public record CliContext(BufferedReader in, PrintStream out, PrintStream err, Map<String, String> env,
        Path workDir) {

    /** The process's own streams, environment and working directory. */
    public static CliContext system() {
        Charset charset = System.console() != null ? System.console().charset() : Charset.defaultCharset();
        return new CliContext(new BufferedReader(new InputStreamReader(System.in, charset)), System.out,
                System.err, System.getenv(), Path.of("").toAbsolutePath());
    }
}
