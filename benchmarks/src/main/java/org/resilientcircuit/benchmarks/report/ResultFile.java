package org.resilientcircuit.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One harness result: a plain text file of {@code key=value} lines in the order written ({@code #}
 * starts a comment). Values are single-line text; numbers use '.' as the decimal separator.
 */
public final class ResultFile {

    private final Map<String, String> values = new LinkedHashMap<>();

    public ResultFile put(String key, Object value) {
        String text;
        if (value instanceof Double d) {
            text = format(d);
        } else {
            text = String.valueOf(value);
        }
        values.put(key, text.replace('\n', ' ').replace('\r', ' '));
        return this;
    }

    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    public String get(String key) {
        return values.get(key);
    }

    public OptionalDouble number(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(value.strip()));
        } catch (NumberFormatException notANumber) {
            return OptionalDouble.empty();
        }
    }

    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    public void write(Path file, String comment) {
        StringBuilder text = new StringBuilder();
        if (comment != null) {
            for (String line : comment.split("\n")) {
                text.append("# ").append(line).append('\n');
            }
        }
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The file's values, or null if it does not exist. */
    public static ResultFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static ResultFile parse(List<String> lines) {
        ResultFile result = new ResultFile();
        for (String line : lines) {
            String stripped = line.strip();
            int eq = stripped.indexOf('=');
            if (stripped.isEmpty() || stripped.startsWith("#") || eq <= 0) {
                continue;
            }
            result.values.put(stripped.substring(0, eq).strip(), stripped.substring(eq + 1).strip());
        }
        return result;
    }
}
