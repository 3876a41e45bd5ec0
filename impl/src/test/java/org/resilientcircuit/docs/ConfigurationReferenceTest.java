package org.resilientcircuit.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.api.BackoffStrategy;
import org.resilientcircuit.api.BreakerKey;
import org.resilientcircuit.api.CustomBackoff;
import org.resilientcircuit.api.DatabaseConflict;
import org.resilientcircuit.api.DatabaseUnavailable;
import org.resilientcircuit.api.FailureWhen;
import org.resilientcircuit.api.Never;
import org.resilientcircuit.api.PrepareRetry;
import org.resilientcircuit.api.RetryPreparer;
import org.resilientcircuit.api.RetryWhen;
import org.resilientcircuit.api.UpcomingRetry;
import org.resilientcircuit.api.ExponentialBackoff;
import org.resilientcircuit.api.FibonacciBackoff;
import org.resilientcircuit.cdi.FaultToleranceExtension;
import org.resilientcircuit.connect.DbKey;

import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * docs/configuration.md lists exactly the configuration keys the code reads: a key the code reads that the page
 * does not list fails this test, and so does a key the page lists that the code never reads.
 *
 * <p>The keys the code reads come from three sources, so that neither a key read only on some path nor one built at
 * run time escapes:
 * <ol>
 *   <li><b>What the library asks for.</b> A recording {@link ConfigSource} (highest ordinal, answers nothing) is part
 *       of the Config while Weld boots {@link FaultToleranceExtension} with beans that use every annotation, on the
 *       method and on the class, so every default applies. Every name the source is asked for is a key the code reads
 *       (SmallRye asks each source for each lookup); names of the Config implementation itself ({@code smallrye.*},
 *       {@code mp.config.*}, {@code config_ordinal}) are left out, and a profile prefix ({@code %dev.}) is
 *       stripped. Keys of the specification's scheme are reduced to their form: the sample classes' names become
 *       {@code <class>}, their methods' names {@code <method>}, the annotation {@code <Annotation>} and a parameter
 *       other than {@code enabled} {@code <param>}; the (annotation, parameter) pairs are checked against the page's
 *       table of annotation parameters.</li>
 *   <li><b>The code's constants:</b> {@link DbKey#values()}, whose {@code rc.db.<name>} keys are built, not
 *       written.</li>
 *   <li><b>A scan of {@code impl/src/main/java}</b> for string literals that are a whole {@code rc.*} key (a literal
 *       like {@code "rc.datasource names "} is a message, not a key), except in {@code MetricNames.java}, where the
 *       store's metric names ({@code rc.store.*.total}) are defined: they are metric names, not settings. This
 *       catches a key read on a path the deployment above does not take.</li>
 * </ol>
 * The page's key column is the first cell of each row of the table under "## Every key"; its parameters are the
 * cells of the table under "## Annotation parameters".
 */
class ConfigurationReferenceTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern RC_LITERAL = Pattern.compile("\"(rc\\.[a-z0-9][a-z0-9.-]*[a-z0-9])\"");
    private static final List<String> ANNOTATIONS = List.of("Asynchronous", "Bulkhead", "CircuitBreaker", "Fallback",
            "Retry", "Timeout", "BreakerKey", "ExponentialBackoff", "FibonacciBackoff", "CustomBackoff", "RetryWhen", "FailureWhen",
            "PrepareRetry");

    private static Set<String> recorded;

    // ------------------------------------------------------------------ beans that use every annotation

    @Dependent
    public static class MethodLevel {
        @Retry(maxRetries = 1, delay = 10, jitter = 0)
        @CircuitBreaker
        @Timeout(1000)
        @Fallback(fallbackMethod = "fallback")
        @BreakerKey("reference-test")
        @ExponentialBackoff
        @RetryWhen(result = Never.class)
        @FailureWhen(exception = DatabaseUnavailable.class)
        @PrepareRetry(method = "prepare")
        public String exponential() {
            return "ok";
        }

        private void prepare() {
        }

        public String fallback() {
            return "fallback";
        }

        @Retry(delay = 10, jitter = 0)
        @FibonacciBackoff
        public void fibonacci() {
        }

        @Retry(delay = 10, jitter = 0)
        @CustomBackoff(Linear.class)
        public void custom() {
        }

        @Asynchronous
        @Bulkhead(2)
        public CompletionStage<String> async() {
            return CompletableFuture.completedFuture("ok");
        }
    }

    @Dependent
    @Retry(delay = 10, jitter = 0, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreaker
    @Timeout
    @Bulkhead
    @BreakerKey("reference-test-class")
    @FibonacciBackoff
    @RetryWhen(exception = DatabaseConflict.class)
    @FailureWhen(result = Never.class)
    @PrepareRetry(Preparer.class)
    public static class ClassLevel {
        public String call() {
            return "ok";
        }
    }

    @Dependent
    @Asynchronous
    @Retry(delay = 10, jitter = 0)
    @ExponentialBackoff
    public static class ClassLevelAsync {
        public CompletionStage<String> call() {
            return CompletableFuture.completedFuture("ok");
        }
    }

    @Dependent
    @Retry(delay = 10, jitter = 0)
    @CustomBackoff(Linear.class)
    public static class ClassLevelCustom {
        public void call() {
        }
    }

    public static class Linear implements BackoffStrategy {
        @Override
        public long nextDelayMillis(int retry, long initialDelayMillis, Throwable lastFailure) {
            return retry * initialDelayMillis;
        }
    }

    public static class Preparer implements RetryPreparer {
        @Override
        public void prepare(UpcomingRetry retry) {
        }
    }

    /** Answers nothing; remembers every name it is asked for. */
    static final class Recording implements ConfigSource {
        final Set<String> asked = ConcurrentHashMap.newKeySet();

        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public String getValue(String propertyName) {
            asked.add(propertyName);
            return null;
        }

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public int getOrdinal() {
            return 10_000;
        }
    }

    @BeforeAll
    static void deployEveryAnnotation() {
        Recording recording = new Recording();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        resolver.releaseConfig(resolver.getConfig(loader));
        Config config = new SmallRyeConfigBuilder().addDefaultSources().withSources(recording).build();
        resolver.registerConfig(config, loader);
        try {
            Weld weld = new Weld().disableDiscovery().addExtension(new FaultToleranceExtension())
                    .addBeanClasses(MethodLevel.class, ClassLevel.class, ClassLevelAsync.class, ClassLevelCustom.class);
            try (WeldContainer container = weld.initialize()) {
                container.select(MethodLevel.class).get().exponential();
            }
        } finally {
            resolver.releaseConfig(config);
        }
        recorded = recording.asked;
    }

    // ------------------------------------------------------------------ the checks

    @Test
    void theKeyTableListsExactlyTheKeysTheCodeReads() {
        Set<String> read = new TreeSet<>();
        for (String name : recorded) {
            String key = name.replaceFirst("^%[^.]+\\.", "");
            if (key.startsWith("smallrye.") || key.startsWith("mp.config.") || key.equals("config_ordinal")) {
                continue;
            }
            read.add(form(key));
        }
        for (DbKey key : DbKey.values()) {
            read.add(key.property());
        }
        read.addAll(rcLiteralsInSources());

        Set<String> documented = documentedKeys();
        compare("docs/configuration.md, table \"Every key\"", read, documented);
    }

    @Test
    void theParameterTableListsExactlyTheParametersTheCodeReads() {
        Map<String, Set<String>> read = new TreeMap<>();
        for (String name : recorded) {
            String[] parts = name.replaceFirst("^%[^.]+\\.", "").split("/");
            if (parts.length >= 2 && ANNOTATIONS.contains(parts[parts.length - 2])) {
                read.computeIfAbsent(parts[parts.length - 2], a -> new TreeSet<>()).add(parts[parts.length - 1]);
            }
        }
        Map<String, Set<String>> documented = documentedParameters();
        List<String> problems = new ArrayList<>();
        for (String annotation : union(read.keySet(), documented.keySet())) {
            Set<String> code = read.getOrDefault(annotation, Set.of());
            Set<String> page = documented.getOrDefault(annotation, Set.of());
            for (String p : code) {
                if (!page.contains(p)) {
                    problems.add("the code reads " + annotation + "/" + p + ", which the page does not list");
                }
            }
            for (String p : page) {
                if (!code.contains(p)) {
                    problems.add("the page lists " + annotation + "/" + p + ", which the code never reads");
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("docs/configuration.md, table \"Annotation parameters\":\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    void theRecordingSawTheLibraryReadItsSettings() {
        // guards the method: if the recording source were never asked, both comparisons would be empty and vacuous
        assertTrue(recorded.contains("rc.namespace"), () -> "recorded: " + recorded);
        assertTrue(recorded.stream().anyMatch(k -> k.endsWith("/ExponentialBackoff/factor")), () -> "recorded: " + recorded);
    }

    /** A key of the specification's scheme reduced to its form; any other key unchanged. */
    private static String form(String key) {
        String[] parts = key.split("/");
        if (parts.length < 2 || !ANNOTATIONS.contains(parts[parts.length - 2])) {
            return key;
        }
        String param = parts[parts.length - 1].equals("enabled") ? "enabled" : "<param>";
        return switch (parts.length) {
            case 2 -> "<Annotation>/" + param;
            case 3 -> "<class>/<Annotation>/" + param;
            case 4 -> "<class>/<method>/<Annotation>/" + param;
            default -> key;
        };
    }

    private static void compare(String where, Set<String> read, Set<String> documented) {
        List<String> problems = new ArrayList<>();
        for (String key : read) {
            if (!documented.contains(key)) {
                problems.add("the code reads " + key + ", which the page does not list");
            }
        }
        for (String key : documented) {
            if (!read.contains(key)) {
                problems.add("the page lists " + key + ", which the code never reads");
            }
        }
        if (!problems.isEmpty()) {
            fail(where + ":\n  " + String.join("\n  ", problems));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    static Set<String> rcLiteralsInSources() {
        Path main = Docs.root().resolve("impl/src/main/java");
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                if (file.getFileName().toString().equals("MetricNames.java")) {
                    continue;
                }
                Matcher literal = RC_LITERAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (literal.find()) {
                    keys.add(literal.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    static Set<String> documentedKeys() {
        Set<String> keys = new TreeSet<>();
        for (List<String> row : table("## Every key")) {
            Matcher code = CODE.matcher(row.get(0));
            boolean any = false;
            while (code.find()) {
                keys.add(code.group(1));
                any = true;
            }
            assertTrue(any, "a row of \"Every key\" without a key in backticks: " + row);
        }
        return keys;
    }

    private static Map<String, Set<String>> documentedParameters() {
        Map<String, Set<String>> parameters = new LinkedHashMap<>();
        for (List<String> row : table("## Annotation parameters")) {
            Matcher annotation = CODE.matcher(row.get(0));
            assertTrue(annotation.find(), "a row without an annotation: " + row);
            Set<String> names = new TreeSet<>();
            Matcher code = CODE.matcher(row.get(1).replaceAll("\\(see .*?\\)", ""));
            while (code.find()) {
                names.add(code.group(1));
            }
            parameters.put(annotation.group(1), names);
        }
        return parameters;
    }

    /** The body rows (cells split on unescaped {@code |}) of the first table after {@code heading}. */
    private static List<List<String>> table(String heading) {
        List<String> lines = Docs.read("docs/configuration.md").lines().toList();
        int at = lines.indexOf(heading);
        assertTrue(at >= 0, "docs/configuration.md has the heading " + heading);
        List<List<String>> rows = new ArrayList<>();
        int i = at + 1;
        while (i < lines.size() && !lines.get(i).startsWith("|")) {
            i++;
        }
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = new ArrayList<>();
            for (String cell : lines.get(i).substring(1).split("(?<!\\\\)\\|")) {
                cells.add(cell.strip());
            }
            rows.add(cells);
        }
        assertTrue(!rows.isEmpty(), "a table under " + heading);
        return rows;
    }
}
