package org.resilientcircuit.benchmarks.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The command line and the run's shape; the names the report generator reads from the CSV. */
class JmhMainTest {

    @Test
    void arguments() {
        assertEquals(new JmhMain.Arguments(Path.of("target", "jmh.csv"), false), JmhMain.Arguments.parse());
        assertEquals(new JmhMain.Arguments(Path.of("x.csv"), true), JmhMain.Arguments.parse("--out", "x.csv", "--quick"));
        assertEquals(new JmhMain.Arguments(Path.of("y.csv"), false), JmhMain.Arguments.parse("--out=y.csv"));
        assertThrows(IllegalArgumentException.class, () -> JmhMain.Arguments.parse("--out"));
        assertThrows(IllegalArgumentException.class, () -> JmhMain.Arguments.parse("--threads", "4"));
    }

    @Test
    void options() {
        Options real = JmhMain.options(false, 2).build();
        assertEquals(2, real.getThreads().get());
        assertEquals(1, real.getForkCount().get());
        assertEquals(3, real.getWarmupIterations().get());
        assertEquals(5, real.getMeasurementIterations().get());
        assertEquals(TimeUnit.NANOSECONDS, real.getTimeUnit().get());
        assertTrue(real.getBenchModes().contains(Mode.AverageTime));
        assertEquals(List.of(GCProfiler.class.getName()),
                real.getProfilers().stream().map(profiler -> profiler.getKlass()).toList(),
                "bytes per call come from the GC profiler");
        assertArrayEquals(new int[] {1, 2, 4, 8}, JmhMain.THREADS);

        Options quick = JmhMain.options(true, 1).build();
        assertEquals(1, quick.getThreads().get());
        assertEquals(1, quick.getWarmupIterations().get());
        assertEquals(2, quick.getMeasurementIterations().get());
    }

    @Test
    void benchmarkNamesAndParameters() {
        Map<String, BenchmarkListEntry> entries = new TreeMap<>();
        PrintStream silent = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().getAll(
                OutputFormatFactory.createFormatInstance(silent, VerboseMode.SILENT), List.of())) {
            entries.put(entry.getUsername(), entry);
        }
        String prefix = JmhMain.class.getPackageName() + ".";
        List<String> names = List.of(prefix + "GuardedCallBenchmark.call", prefix + "PlainCallBenchmark.call",
                prefix + "RejectedCallBenchmark.call");
        assertEquals(names, List.copyOf(entries.keySet().stream().filter(name -> name.startsWith(prefix)).toList()));

        // every one is selected by the run's include patterns, nothing else in the package is
        List<Pattern> includes = JmhMain.options(true, 1).build().getIncludes().stream().map(Pattern::compile).toList();
        for (String name : entries.keySet()) {
            boolean included = includes.stream().anyMatch(pattern -> pattern.matcher(name).find());
            assertEquals(names.contains(name), included, name);
        }

        assertFalse(entries.get(prefix + "PlainCallBenchmark.call").getParams().hasValue());
        Map<String, String[]> guarded = entries.get(prefix + "GuardedCallBenchmark.call").getParams().get();
        assertArrayEquals(new String[] {"memory", "postgres", "smallrye", "floor"}, guarded.get("implementation"));
        assertArrayEquals(new String[] {"circuitBreaker", "retry", "both"}, guarded.get("policy"));
        Map<String, String[]> rejected = entries.get(prefix + "RejectedCallBenchmark.call").getParams().get();
        assertArrayEquals(new String[] {"memory", "postgres", "smallrye"}, rejected.get("implementation"));
        assertEquals(1, rejected.size());

        // the parameter values are the enums' names for them
        for (String value : guarded.get("policy")) {
            assertEquals(value, Policy.of(value).parameter());
        }
        for (String value : guarded.get("implementation")) {
            assertEquals(value, Implementation.of(value).parameter());
        }
    }
}
