package org.resilientcircuit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resilientcircuit.store.postgres.Schema;
import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * The self-contained cli jar, run as users run it: {@code java -jar ...-cli.jar}, with nothing else
 * on the class path (so no CDI, no MicroProfile). Runs in the integration-test phase, after package.
 */
class CliJarIT {

    private static Path jar;

    @TempDir
    Path workDir;

    @BeforeAll
    static void findJar() {
        String property = System.getProperty("rc.cli.jar");
        assertTrue(property != null, "system property rc.cli.jar (set by the failsafe configuration)");
        jar = Path.of(property);
        assertTrue(Files.isRegularFile(jar), jar + " exists");
    }

    @Test
    void holdsTheCliTheApiTheDriverAndTheSchemaButNoSpecificationApis() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals(Main.class.getName(), file.getManifest().getMainAttributes().getValue("Main-Class"));
            List<String> names = file.stream().map(entry -> entry.getName()).toList();
            assertTrue(names.contains("org/resilientcircuit/cli/Main.class"));
            assertTrue(names.contains("org/resilientcircuit/spi/StateStore.class"), "the api");
            assertTrue(names.contains("org/postgresql/Driver.class"), "the driver");
            assertTrue(names.contains("META-INF/services/java.sql.Driver"), "the driver's registration");
            assertTrue(names.contains(PgSetupCommand.SCHEMA_RESOURCE), "the schema");
            List<String> foreign = names.stream().filter(name -> name.endsWith(".class"))
                    .filter(name -> !name.startsWith("org/resilientcircuit/") && !name.startsWith("org/postgresql/"))
                    .toList();
            assertEquals(List.of(), foreign, "only our classes and the driver's");
        }
    }

    @Test
    void helpAndDryRunNeedNoDatabase() throws Exception {
        Result help = java("", List.of(), "--help");
        assertEquals(Main.OK, help.exit(), help.output());
        assertTrue(help.output().contains("pg-setup"), help.output());
        assertTrue(help.output().contains("Usage: java -jar " + jar.getFileName() + " <command>"), help.output());

        Result dryRun = java("", List.of(), "pg-setup", "--dry-run");
        assertEquals(Main.OK, dryRun.exit(), dryRun.output());
        assertTrue(dryRun.output().contains(Schema.sql().strip()), dryRun.output());
    }

    @Test
    void setsUpADatabaseAndDeclinesWithoutYes() throws Exception {
        try (TestDatabase db = TestDatabase.create("cli_jar")) {
            Result declined = java("n\n", List.of(), "pg-setup", "--url", db.jdbcUrl());
            assertEquals(Main.FAILURE, declined.exit(), declined.output());
            assertTrue(declined.output().contains("aborted, nothing was changed"), declined.output());

            Result applied = java("", List.of(), "pg-setup", "--yes", "--url", db.jdbcUrl());
            assertEquals(Main.OK, applied.exit(), applied.output());
            try (Connection connection = db.connect()) {
                assertEquals(List.of(), Inspection.of(connection).missing());
            }

            Result again = java("", List.of(), "pg-setup", "--yes", "--url", db.jdbcUrl());
            assertEquals(Main.OK, again.exit(), again.output());
        }
    }

    @Test
    void aMissingHostIsAnErrorNamingRcDbHost() throws Exception {
        Result result = java("", List.of(), "pg-setup", "--yes");

        assertEquals(Main.FAILURE, result.exit(), result.output());
        assertTrue(result.output().contains("set RC_DB_HOST"), result.output());
    }

    private record Result(int exit, String output) {
    }

    /** Runs the jar in the empty working directory, without RC_DB_* variables, plus the given ones. */
    private Result java(String stdin, List<String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("RC_DB_"));
        for (String variable : environment) {
            String[] pair = variable.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the cli ends");
        return new Result(process.exitValue(), output.lines().collect(Collectors.joining("\n")));
    }
}
