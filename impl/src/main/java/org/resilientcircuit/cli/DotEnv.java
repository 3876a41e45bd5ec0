package org.resilientcircuit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .env} file: {@code KEY=VALUE} lines, as python-dotenv reads them for the ancestor's CLI.
 *
 * <ul>
 *   <li>blank lines and lines starting with {@code #} are skipped; so are lines that are not
 *       {@code KEY=VALUE};</li>
 *   <li>an {@code export } prefix is allowed, spaces around {@code =} are not part of key or value;</li>
 *   <li>a value in double quotes may hold {@code \"}, {@code \\}, {@code \n}, {@code \t}; a value in
 *       single quotes is taken literally; an unquoted value ends at a {@code #} preceded by a space
 *       (a comment) and is trimmed.</li>
 * </ul>
 * Multi-line values and {@code ${VAR}} expansion are not supported.
 */
public final class DotEnv {

    /** The file name looked for in the working directory. */
    public static final String FILE_NAME = ".env";

    private static final Pattern LINE =
            Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*)$");
    private static final Pattern COMMENT = Pattern.compile("\\s#");

    private DotEnv() {
    }

    /** The variables of the file, or none if it does not exist. */
    public static Map<String, String> read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The variables of these lines; a later line wins over an earlier one for the same key. */
    public static Map<String, String> parse(List<String> lines) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (matcher.matches()) {
                variables.put(matcher.group(1), value(matcher.group(2)));
            }
        }
        return variables;
    }

    private static String value(String raw) {
        if (raw.startsWith("\"")) {
            return doubleQuoted(raw);
        }
        if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            return end < 0 ? raw.substring(1) : raw.substring(1, end);
        }
        Matcher comment = COMMENT.matcher(raw);
        return (comment.find() ? raw.substring(0, comment.start()) : raw).strip();
    }

    private static String doubleQuoted(String raw) {
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                break;
            }
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                switch (next) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case '"', '\\', '\'' -> value.append(next);
                    default -> value.append(c).append(next);
                }
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }
}
