package org.resilientcircuit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
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
import java.util.concurrent.TimeUnit;
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
import org.resilientcircuit.cli.CliContext;
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
                    for (String command : commands(block)) {
                        runCommandLine(block, command, work);
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
        List<String> commands = block.text().lines().map(DocsSnippetsTest::withoutComment).filter(l -> !l.isBlank()).toList();
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

    /** The commands of a block: console lines after "$ ", else every line; continuations joined, comments dropped. */
    static List<String> commands(Block block) {
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

    private static void runCommandLine(Block block, String command, Path work) throws Exception {
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

    private static void pipeInto(Block block, String command, List<String> program, String input) throws Exception {
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
    private static void seedKeyOf(List<String> args) {
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
