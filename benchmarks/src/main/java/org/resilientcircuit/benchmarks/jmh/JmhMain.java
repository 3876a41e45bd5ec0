package org.resilientcircuit.benchmarks.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PlainCallBenchmark}, {@link GuardedCallBenchmark} and {@link RejectedCallBenchmark} with 1
 * thread, then with 2, 4 and 8, and writes every result into one JMH CSV file. JMH's GC profiler runs with
 * every configuration, so the file also holds each one's bytes allocated per call
 * ({@code ...call:gc.alloc.rate.norm}, B/op). More threads than the machine has cores measure contention
 * and time-sharing together; the report says how many cores there were.
 *
 * <pre>
 * java -cp CLASSPATH org.resilientcircuit.benchmarks.jmh.JmhMain [--out FILE.csv] [--quick]
 *
 *   --out FILE   the CSV file (default target/jmh.csv)
 *   --quick      a smoke run: 1 warm-up and 2 measurement iterations of 1 s per configuration
 *                (default: 3 warm-up and 5 measurement iterations of 1 s)
 * </pre>
 *
 * Every configuration runs in one forked JVM, which inherits {@code java.class.path}. The
 * {@code postgres} configurations use {@value PostgresTarget#BENCH_VARIABLE}, else
 * {@value PostgresTarget#TEST_VARIABLE}, else {@value PostgresTarget#DEFAULT_URL}.
 */
public final class JmhMain {

    /** The thread counts, in the order they run. */
    static final int[] THREADS = {1, 2, 4, 8};

    static final List<Class<?>> BENCHMARKS = List.of(PlainCallBenchmark.class, GuardedCallBenchmark.class,
            RejectedCallBenchmark.class);

    private static final String USAGE = "usage: JmhMain [--out FILE.csv] [--quick]";

    private JmhMain() {
    }

    /** The command line. */
    record Arguments(Path out, boolean quick) {

        static Arguments parse(String... args) {
            Path out = Path.of("target", "jmh.csv");
            boolean quick = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--quick")) {
                    quick = true;
                } else if (arg.equals("--out")) {
                    if (i + 1 >= args.length || args[i + 1].isBlank()) {
                        throw new IllegalArgumentException("--out needs a file name");
                    }
                    out = Path.of(args[++i]);
                } else if (arg.startsWith("--out=") && arg.length() > "--out=".length()) {
                    out = Path.of(arg.substring("--out=".length()));
                } else {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            return new Arguments(out, quick);
        }
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        List<RunResult> results = new ArrayList<>();
        for (int threads : THREADS) {
            reportLoad(threads);
            results.addAll(new Runner(options(arguments.quick(), threads).build()).run());
        }
        Path out = arguments.out().toAbsolutePath();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        ResultFormatFactory.getInstance(ResultFormatType.CSV, out.toString()).writeOut(results);
        System.out.println();
        System.out.println("All configurations, 1, 2, 4 and 8 threads:");
        ResultFormatFactory.getInstance(ResultFormatType.TEXT, System.out).writeOut(results);
        System.out.println("CSV: " + out);
    }

    /**
     * Prints the system load before a run: other work on the machine inflates every score (AverageTime
     * counts the time a benchmark thread waits for a core), so a busy machine is worth knowing about.
     */
    private static void reportLoad(int threads) {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "# Resilient Circuit JMH run at %d thread(s): system load average %.2f on %d cores%s%n",
                threads, load, cores, load > cores / 2.0 ? " (the machine is busy: expect inflated, noisy scores)" : "");
    }

    /** The options of one run: every benchmark at {@code threads} threads. */
    static ChainedOptionsBuilder options(boolean quick, int threads) {
        ChainedOptionsBuilder options = new OptionsBuilder();
        for (Class<?> benchmark : BENCHMARKS) {
            options = options.include("^" + Pattern.quote(benchmark.getName()) + "\\.");
        }
        return options
                .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(1)
                .threads(threads)
                // Allocation per call, read from the JVM's per-thread allocation counters at iteration
                // boundaries: it does not touch the measured calls.
                .addProfiler(GCProfiler.class)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true);
    }
}
