package org.resilientcircuit.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server JVM holds after a full collection, read from outside with {@code jcmd}: its live
 * threads (and those of the library), and its class loaders by type with the classes each type holds.
 *
 * @param threads live threads
 * @param libraryThreads live threads named {@code resilient-circuit*}
 * @param loaders live class loaders by type
 * @param classes classes held by the loaders of each type
 */
record JvmSnapshot(int threads, int libraryThreads, Map<String, Integer> loaders, Map<String, Integer> classes) {

    /** A thread header in {@code Thread.print}: {@code "name" #12 ...}. */
    private static final Pattern THREAD = Pattern.compile("^\"(.*)\" #", Pattern.MULTILINE);
    /** A row of {@code VM.classloader_stats}: addresses, classes, chunk and block sizes, then the type. */
    private static final Pattern LOADER = Pattern.compile(
            "^0x\\p{XDigit}+\\s+0x\\p{XDigit}+\\s+0x\\p{XDigit}+\\s+(\\d+)\\s+\\d+\\s+\\d+\\s+(\\S+)\\s*$", Pattern.MULTILINE);

    /** Collects garbage (soft references too, when the JVM runs with SoftRefLRUPolicyMSPerMB=0), then reads. */
    static JvmSnapshot of(long pid) {
        for (int i = 0; i < 3; i++) {
            jcmd(pid, "GC.run");
            PayaraMicro.sleep(500);
        }
        String threadDump = jcmd(pid, "Thread.print");
        int threads = 0;
        int library = 0;
        Matcher thread = THREAD.matcher(threadDump);
        while (thread.find()) {
            threads++;
            library += thread.group(1).startsWith("resilient-circuit") ? 1 : 0;
        }
        Map<String, Integer> loaders = new TreeMap<>();
        Map<String, Integer> classes = new TreeMap<>();
        Matcher loader = LOADER.matcher(jcmd(pid, "VM.classloader_stats"));
        while (loader.find()) {
            loaders.merge(loader.group(2), 1, Integer::sum);
            classes.merge(loader.group(2), Integer.parseInt(loader.group(1)), Integer::sum);
        }
        if (loaders.isEmpty()) {
            throw new AssertionError("jcmd " + pid + " VM.classloader_stats listed no class loader we could read");
        }
        return new JvmSnapshot(threads, library, loaders, classes);
    }

    int loaders(String type) {
        return loaders.getOrDefault(type, 0);
    }

    int classes(String type) {
        return classes.getOrDefault(type, 0);
    }

    /** Writes the live objects of the JVM to {@code file} (HPROF). */
    static void heapDump(long pid, java.nio.file.Path file) {
        jcmd(pid, "GC.heap_dump", file.toString());
    }

    private static String jcmd(long pid, String... command) {
        String jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString();
        java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of(jcmd, Long.toString(pid)));
        line.addAll(java.util.List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("jcmd " + pid + " " + String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("jcmd " + pid + " " + String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
