package org.resilientcircuit.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a helper program (openssl, initdb, pg_ctl, ...) with a time bound; a failure quotes its output. */
public final class Commands {

    private Commands() {
    }

    /** Runs {@code command} and returns its output (stdout and stderr); fails unless it exits 0 within the bound. */
    public static String run(long timeoutSeconds, List<String> command) {
        try {
            // from /: the postgres user that runs initdb or psql may not enter the build directory
            Process process = new ProcessBuilder(command).directory(new java.io.File("/")).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes(); // ends when the process closes its output
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static String run(long timeoutSeconds, String... command) {
        return run(timeoutSeconds, List.of(command));
    }
}
