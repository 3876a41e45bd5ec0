package org.resilientcircuit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resilientcircuit.cli.DotEnv;
import org.resilientcircuit.cli.Main;
import org.resilientcircuit.connect.DbInput;
import org.resilientcircuit.connect.DbKey;
import org.resilientcircuit.connect.DbTarget;
import org.resilientcircuit.connect.DbTargets;
import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * Every snippet of README.md and docs/*.md is exercised, so the documentation stays true.
 *
 * <p><b>{@code ```java} blocks</b> are compiled with {@link JavaCompiler} against this test's class path (api, impl,
 * the MicroProfile Fault Tolerance, Config and CDI APIs), each on its own. The conventions:
 * <ul>
 *   <li>A block that declares a type at the start of a line ({@code public class X}, {@code record}, ...) is a
 *       compilation unit; any other block is a class member and is wrapped in {@code class Snippet { ... }}.</li>
 *   <li>A block without {@code import} lines gets these: {@code java.time.temporal.ChronoUnit}, {@code java.util.*},
 *       {@code java.util.concurrent.*}, {@code jakarta.enterprise.context.*}, {@code jakarta.inject.*},
 *       {@code org.eclipse.microprofile.faulttolerance.*}, {@code org.resilientcircuit.api.*}.</li>
 *   <li>An elided body, {@code { ... }}, becomes {@code { throw new UnsupportedOperationException(); }}.</li>
 *   <li>Types the snippet uses but the reader need not see are declared in an HTML comment right before the block,
 *       {@code <!-- java context: class Rows { } -->}, and added to the compilation unit.</li>
 * </ul>
 *
 * <p><b>{@code ```bash}, {@code ```sh} and {@code ```console} blocks</b> are commands, and each one is run, unless an
 * HTML comment right before the block says otherwise:
 * <ul>
 *   <li>{@code <!-- not run: REASON -->}: not run, for the reason given (listed on standard output).</li>
 *   <li>{@code <!-- run: settings -->}: the block is {@code NAME=value} lines (a {@code .env} or environment); every
 *       line must be one, and together they must be connection settings the library accepts
 *       ({@link DbTargets#resolve}, as the command line and the deployment check them).</li>
 *   <li>{@code <!-- run: each setting alone -->}: likewise, each line on its own (the block lists alternatives).</li>
 *   <li>No comment: every command (in a console block, the lines after {@code $ }) must be the command-line jar,
 *       {@code java -jar ...-cli.jar ARGS} or {@code rc ARGS}, and is run in this JVM ({@link Main#run}) against a
 *       scratch database of {@code RC_TEST_JDBC_URL} with the schema applied: {@code RC_DB_URL} in the environment
 *       and any {@code --url} option point there, standard input answers {@code y}, and a key that {@code reset} or
 *       {@code open} names gets a CLOSED row first, as an instance would have made it. It must exit with 0. After a
 *       {@code |}, {@code jq} (if installed) runs on what the command printed, and must exit with 0 too. Lines of a
 *       console block that do not start with {@code $ } are sample output and not compared.</li>
 * </ul>
 * A block of any other kind of command with no comment fails the test. README.md's first block (the two commands
 * of the project) is CI's: {@code .ci/run} must run exactly its {@code ./mvnw} command; {@code run-example.sh}, which
 * starts two servers, is not run (and said so below). Blocks without a language (log lines, messages) and
 * {@code properties}, {@code sql}, {@code xml}, {@code json}, {@code python} blocks are not checked here
 * ({@code PythonSectionDocsTest} runs the SQL and properties of docs/python-and-java.md).
 */
class DocsSnippetsTest {

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\w*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*(not run|run|java context):\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:public\\s+|abstract\\s+|final\\s+|sealed\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:abstract\\s+|final\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");
    private static final String DEFAULT_IMPORTS = """
            import java.time.temporal.ChronoUnit;
            import java.util.*;
            import java.util.concurrent.*;
            import jakarta.enterprise.context.*;
            import jakarta.inject.*;
            import org.eclipse.microprofile.faulttolerance.*;
            import org.resilientcircuit.api.*;
            """;
    private static final String README_RUN_EXAMPLE = "examples-war/run-example.sh";

    /** A fenced block: where it is, its language, the HTML comment right before it (if any) and its text. */
    record Block(String page, int line, String language, String markerKind, String marker, String text, String before) {
        String where() {
            return page + ":" + line;
        }
    }

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(DocsSnippetsTest.class);
        db.applySchema();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    static List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        for (String page : Docs.pages()) {
            List<String> lines = Docs.read(page).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                Matcher open = FENCE.matcher(lines.get(i));
                if (!open.matches()) {
                    continue;
                }
                int indent = open.group(1).length();
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                    String line = lines.get(j);
                    text.append(line.length() >= indent && line.substring(0, indent).isBlank() ? line.substring(indent) : line.strip())
                            .append('\n');
                    j++;
                }
                assertTrue(j < lines.size(), page + ":" + (i + 1) + ": a block that is never closed");
                String kind = null;
                String marker = null;
                String previous = "";
                int before = i - 1;
                while (before >= 0 && lines.get(before).isBlank()) {
                    before--;
                }
                if (before >= 0) {
                    previous = lines.get(before).strip();
                    Matcher m = MARKER.matcher(lines.get(before));
                    if (m.matches()) {
                        kind = m.group(1);
                        marker = m.group(2);
                    }
                }
                blocks.add(new Block(page, i + 1, open.group(2).toLowerCase(Locale.ROOT), kind, marker, text.toString(),
                        previous));
                i = j;
            }
        }
        return blocks;
    }

    // ------------------------------------------------------------------ Java

    @Test
    void everyJavaSnippetCompiles(@TempDir Path dir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (Block block : blocks()) {
            if (!block.language().equals("java")) {
                continue;
            }
            n++;
            String source = compilationUnit(block);
            Matcher publicType = PUBLIC_TYPE.matcher(source);
            String name = publicType.find() ? publicType.group(1) : "Snippet";
            Path unitDir = Files.createDirectories(dir.resolve("snippet" + n));
            Path file = unitDir.resolve(name + ".java");
            Files.writeString(file, source, StandardCharsets.UTF_8);
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                boolean ok = javac.getTask(null, files, diagnostics,
                        List.of("-classpath", System.getProperty("java.class.path"), "-d", unitDir.toString(), "-proc:none",
                                "-Xlint:none"),
                        null, files.getJavaFileObjects(file)).call();
                if (!ok) {
                    failures.add(block.where() + " does not compile:\n" + diagnostics.getDiagnostics().stream()
                            .map(d -> "    line " + d.getLineNumber() + " of the unit: " + d.getMessage(Locale.ROOT))
                            .collect(Collectors.joining("\n")) + "\n  the unit compiled:\n" + source);
                }
            }
        }
        assertTrue(n >= 3, "the Java snippets were found (README's bean and the backoff page's): " + n);
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    static String compilationUnit(Block block) {
        String code = block.text().replaceAll("\\{\\s*\\.\\.\\.\\s*\\}", "{ throw new UnsupportedOperationException(); }");
        boolean unit = TYPE.matcher(code).find();
        boolean imports = code.lines().anyMatch(l -> l.startsWith("import "));
        String context = "java context".equals(block.markerKind()) ? "\n" + block.marker() + "\n" : "";
        if (unit) {
            if (imports) {
                return code + context;
            }
            // imports go after a package declaration, if any
            Matcher pkg = Pattern.compile("(?m)^package [\\w.]+;\\s*$").matcher(code);
            if (pkg.find()) {
                return code.substring(0, pkg.end()) + "\n" + DEFAULT_IMPORTS + code.substring(pkg.end()) + context;
            }
            return DEFAULT_IMPORTS + code + context;
        }
        return (imports ? "" : DEFAULT_IMPORTS) + "class Snippet {\n" + code + "}\n" + context;
    }

    // ------------------------------------------------------------------ properties

    /**
     * Every {@code rc.*} key of a {@code ```properties} block (a profile prefix {@code %name.} aside) is one the
     * configuration reference lists, and a block introduced by the path of a file of the repository in backticks
     * ({@code `examples-war/.../microprofile-config.properties`:}) holds exactly that file's settings.
     */
    @Test
    void everyPropertiesBlockUsesDocumentedKeysAndMatchesTheFileItQuotes() throws IOException {
        Set<String> documented = ConfigurationReferenceTest.documentedKeys();
        List<String> failures = new ArrayList<>();
        int quoted = 0;
        for (Block block : blocks()) {
            if (!block.language().equals("properties")) {
                continue;
            }
            List<String> settings = settingLines(block.text());
            for (String line : settings) {
                String key = line.substring(0, line.indexOf('=')).strip().replaceFirst("^%[^.]+\\.", "");
                if (key.startsWith("rc.") && !documented.contains(key)) {
                    failures.add(block.where() + ": " + key + " is not in docs/configuration.md");
                }
            }
            Matcher path = Pattern.compile("^`([\\w./-]+)`:$").matcher(block.before());
            if (path.matches() && Files.isRegularFile(Docs.root().resolve(path.group(1)))) {
                quoted++;
                List<String> file = settingLines(Files.readString(Docs.root().resolve(path.group(1)), StandardCharsets.UTF_8));
                if (!file.equals(settings)) {
                    failures.add(block.where() + ": the block is not what " + path.group(1) + " holds: " + file);
                }
            }
        }
        assertTrue(quoted >= 1, "the example's microprofile-config.properties is quoted");
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    private static List<String> settingLines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && l.contains("="))
                .map(l -> l.replaceAll("\\s*=\\s*", "=")).toList();
    }

    // ------------------------------------------------------------------ commands

    @Test
    void everyCommandIsRunOrSaysWhyNot(@TempDir Path work) throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        int ran = 0;
        boolean first = true;
        for (Block block : blocks()) {
            boolean readmeCommands = first && block.page().equals("README.md");
            first = false;
            if (!List.of("bash", "sh", "shell", "console").contains(block.language())) {
                continue;
            }
            if (readmeCommands) {
                checkReadmeCommands(block, notRun);
                continue;
            }
            if ("not run".equals(block.markerKind())) {
                assertTrue(!block.marker().isBlank(), block.where() + ": 'not run' needs a reason");
                notRun.add(block.where() + ": " + block.marker());
                continue;
            }
            try {
                if ("run".equals(block.markerKind())) {
                    switch (block.marker()) {
                        case "settings" -> settings(block, List.of(variables(block)));
                        case "each setting alone" -> settings(block,
                                variables(block).entrySet().stream().map(e -> Map.of(e.getKey(), e.getValue())).toList());
                        default -> throw new AssertionError(block.where() + ": unknown <!-- run: " + block.marker() + " -->");
                    }
                } else {
                    for (String command : DocCommands.commands(block)) {
                        new DocCommands(db).run(block, command, work);
                    }
                }
                ran++;
            } catch (AssertionError failed) {
                failures.add(failed.getMessage());
            }
        }
        System.out.println("[docs] shell blocks run: " + ran + "; not run:\n  " + String.join("\n  ", notRun));
        assertTrue(ran >= 5, "the command blocks were found: " + ran);
        if (!failures.isEmpty()) {
            fail(String.join("\n\n", failures));
        }
    }

    /** README's first block: CI runs its ./mvnw command exactly; run-example.sh starts servers and is not run. */
    private static void checkReadmeCommands(Block block, List<String> notRun) {
        List<String> commands = block.text().lines().map(DocCommands::withoutComment).filter(l -> !l.isBlank()).toList();
        assertEquals(2, commands.size(), "README's first block: the example and the tests: " + commands);
        assertTrue(commands.get(0).equals(README_RUN_EXAMPLE), "README's first command is the example: " + commands.get(0));
        assertTrue(Files.isExecutable(Docs.root().resolve(README_RUN_EXAMPLE)), README_RUN_EXAMPLE + " exists and is executable");
        String ci = Docs.read(".ci/run");
        assertTrue(ci.lines().anyMatch(l -> l.strip().equals("exec " + commands.get(1))),
                ".ci/run runs exactly README's test command, " + commands.get(1));
        notRun.add(block.where() + ": " + README_RUN_EXAMPLE
                + " (starts two Payara Micro servers; FleetOnPayaraIT runs the same WAR); " + commands.get(1) + " is what .ci/run runs");
    }

    /** The block's NAME=value lines; every non-comment line must be one. */
    private static Map<String, String> variables(Block block) {
        List<String> lines = block.text().lines().filter(l -> !l.isBlank() && !l.strip().startsWith("#")).toList();
        Map<String, String> variables = DotEnv.parse(lines);
        assertEquals(lines.size(), variables.size(), block.where() + ": every line is NAME=value, once: " + lines);
        return variables;
    }

    /** Each set of variables must be connection settings the library accepts. */
    private static void settings(Block block, List<Map<String, String>> sets) {
        for (Map<String, String> set : sets) {
            Map<DbKey, String> values = new EnumMap<>(DbKey.class);
            for (Map.Entry<String, String> variable : set.entrySet()) {
                Optional<DbKey> key = List.of(DbKey.values()).stream().filter(k -> k.variable().equals(variable.getKey()))
                        .findFirst();
                assertTrue(key.isPresent(), block.where() + ": " + variable.getKey() + " is not a connection setting");
                values.put(key.get(), variable.getValue());
            }
            try {
                Optional<DbTarget> target = DbTargets.resolve(new DbInput(values, DbKey::variable));
                assertTrue(target.isPresent(), block.where() + ": " + set.keySet() + " name no database");
            } catch (RuntimeException refused) {
                throw new AssertionError(block.where() + ": the library refuses " + set.keySet() + ": " + refused.getMessage(),
                        refused);
            }
        }
    }
}
