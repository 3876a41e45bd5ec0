package org.resilientcircuit.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations on the command line: {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, {@code 1500ms},
 * combinations such as {@code 1h30m}, or ISO-8601 such as {@code PT30S} or {@code P1D}. A bare
 * number is refused: its unit would be a guess.
 */
final class Durations {

    /** The longest a breaker may be held open from the command line. */
    static final Duration MAX = Duration.ofDays(365);

    private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    private static final Pattern SIMPLE = Pattern.compile("(?:\\d{1,12}(?:ms|s|m|h|d))+");

    private Durations() {
    }

    /**
     * The duration {@code text} stands for, positive and at most {@link #MAX}.
     *
     * @throws IllegalArgumentException with a message that names {@code text}
     */
    static Duration parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("-") && magnitude(trimmed.substring(1)) != null) {
            throw new IllegalArgumentException("duration '" + text + "' must be positive");
        }
        Duration duration = magnitude(trimmed);
        if (duration == null) {
            throw invalid(text);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration '" + text + "' must be positive");
        }
        if (duration.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("duration '" + text + "' is longer than " + format(MAX)
                    + "; open the breaker again when that ends");
        }
        return duration;
    }

    /** The duration, or null if {@code trimmed} is none. */
    private static Duration magnitude(String trimmed) {
        Duration duration;
        if (SIMPLE.matcher(trimmed.toLowerCase(Locale.ROOT)).matches()) {
            duration = Duration.ZERO;
            Matcher part = PART.matcher(trimmed.toLowerCase(Locale.ROOT));
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                duration = duration.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
        } else if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                duration = Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                return null;
            }
        } else {
            return null;
        }
        return duration;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 30s, 5m, 1h, 1h30m, 2d,"
                + " 1500ms or PT30S");
    }

    /** Compact: {@code 1h30m}, {@code 45s}, {@code 1500ms} becomes {@code 1s500ms}. */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toDaysPart(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.length() == 0 ? duration.toString() : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }
}
