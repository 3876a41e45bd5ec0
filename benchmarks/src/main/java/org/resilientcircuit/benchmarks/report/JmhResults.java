package org.resilientcircuit.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of a JMH CSV result file ({@code -rf csv}): columns "Benchmark", "Mode", "Threads",
 * "Samples", "Score", "Score Error (99.9%)", "Unit" and one "Param: name" per parameter, found by name,
 * in any order. Scores of average-time modes are converted to nanoseconds per operation.
 */
public final class JmhResults {

    public static final String PLAIN = "PlainCallBenchmark.call";
    public static final String GUARDED = "GuardedCallBenchmark.call";
    public static final String REJECTED = "RejectedCallBenchmark.call";
    /**
     * The label of the GC profiler's bytes allocated per operation, as JMH 1.37 appends it to the benchmark
     * name ({@code ...call:gc.alloc.rate.norm}; older versions wrote {@code ·gc.alloc.rate.norm}).
     */
    public static final String ALLOCATION = "gc.alloc.rate.norm";

    /**
     * One result row.
     *
     * @param benchmark the last two segments of the benchmark name: class and method
     * @param scoreNanos the score in ns/op (NaN if the unit is not a time per operation)
     * @param errorNanos the 99.9% error in ns/op (NaN if JMH gave none)
     */
    public record Row(String benchmark, String mode, int threads, int samples, double score, double error, String unit,
            Map<String, String> params, double scoreNanos, double errorNanos) {

        public String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    private final List<Row> rows;

    JmhResults(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The file's rows; none if the file does not exist. */
    public static JmhResults read(Path csv) {
        if (csv == null || !Files.isRegularFile(csv)) {
            return new JmhResults(List.of());
        }
        try {
            return parse(Files.readString(csv, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    public static JmhResults parse(String text) {
        List<List<String>> records = records(text);
        if (records.isEmpty()) {
            return new JmhResults(List.of());
        }
        List<String> header = records.get(0);
        int benchmark = column(header, "Benchmark");
        int mode = column(header, "Mode");
        int threads = column(header, "Threads");
        int samples = column(header, "Samples");
        int score = column(header, "Score");
        int error = header.indexOf("Score Error (99.9%)");
        int unit = column(header, "Unit");
        Map<String, Integer> params = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith("Param: ")) {
                params.put(header.get(i).substring("Param: ".length()), i);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() < header.size() && record.size() <= unit) {
                continue; // blank or truncated line
            }
            Map<String, String> values = new LinkedHashMap<>();
            params.forEach((name, at) -> {
                String value = at < record.size() ? record.get(at) : "";
                if (!value.isEmpty()) {
                    values.put(name, value);
                }
            });
            String u = record.get(unit);
            double s = number(record.get(score));
            double e = error >= 0 && error < record.size() ? number(record.get(error)) : Double.NaN;
            double factor = nanosPerUnit(u);
            rows.add(new Row(shortName(record.get(benchmark)), record.get(mode), (int) number(record.get(threads)),
                    (int) number(record.get(samples)), s, e, u, Map.copyOf(values), s * factor, e * factor));
        }
        return new JmhResults(rows);
    }

    private static int column(List<String> header, String name) {
        int at = header.indexOf(name);
        if (at < 0) {
            throw new IllegalArgumentException("not a JMH CSV file: no column \"" + name + "\" in " + header);
        }
        return at;
    }

    /**
     * "org.x.GuardedCallBenchmark.call" -> "GuardedCallBenchmark.call"; secondary results keep their ":label"
     * (whose dots are not the name's), without the '·' older JMH versions put before it.
     */
    static String shortName(String name) {
        int colon = name.indexOf(':');
        String primary = colon < 0 ? name : name.substring(0, colon);
        int last = primary.lastIndexOf('.');
        int before = last > 0 ? primary.lastIndexOf('.', last - 1) : -1;
        String label = colon < 0 ? "" : ":" + name.substring(colon + 1).replace("\u00b7", "").strip();
        return primary.substring(before + 1) + label;
    }

    static double number(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("NaN") || t.equals("≈ 0") || t.equals("\u2248 0")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException localized) {
            // a JVM in a locale with a decimal comma: "123,456" (JMH quotes such fields)
            return Double.parseDouble(t.replace(',', '.'));
        }
    }

    /** How many nanoseconds one unit of time per operation is; NaN for other units (throughput). */
    static double nanosPerUnit(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> Double.NaN;
        };
    }

    /** CSV records: fields separated by commas, optionally quoted with '"' (a doubled quote inside is one quote). */
    static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (any || field.length() > 0) {
                    fields.add(field.toString());
                    records.add(fields);
                }
                fields = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || field.length() > 0) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }

    /** The average-time row of a benchmark with the given thread count and parameters. */
    public Optional<Row> find(String benchmark, int threads, String implementation, String policy) {
        return rows.stream()
                .filter(r -> r.benchmark().equals(benchmark) && r.threads() == threads && !Double.isNaN(r.scoreNanos()))
                .filter(r -> implementation == null || r.param("implementation").equals(implementation))
                .filter(r -> policy == null || r.param("policy").equals(policy))
                .findFirst();
    }

    /** Bytes allocated per call of a configuration (the GC profiler's row), NaN if absent. */
    public double allocation(String benchmark, int threads, String implementation, String policy) {
        String secondary = benchmark + ":" + ALLOCATION;
        return rows.stream()
                .filter(r -> r.benchmark().equals(secondary) && r.threads() == threads && r.unit().equals("B/op"))
                .filter(r -> implementation == null || r.param("implementation").equals(implementation))
                .filter(r -> policy == null || r.param("policy").equals(policy))
                .mapToDouble(Row::score)
                .findFirst()
                .orElse(Double.NaN);
    }

    /** Thread counts present, ascending. */
    public List<Integer> threadCounts() {
        return rows.stream().map(Row::threads).distinct().sorted().toList();
    }

    /** Values of a parameter present in the rows of a benchmark, in order of appearance. */
    public List<String> values(String benchmark, String param) {
        return rows.stream().filter(r -> r.benchmark().equals(benchmark)).map(r -> r.param(param))
                .filter(v -> !v.isEmpty()).distinct().toList();
    }
}
