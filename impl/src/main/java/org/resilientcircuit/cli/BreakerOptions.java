package org.resilientcircuit.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line of {@code status}, {@code reset} and {@code open}: the connection options
 * they share with {@code pg-setup} ({@link DbFlags}), {@code --namespace}, and each command's own
 * ({@code --json}, {@code --for}). Values may follow as the next argument or after {@code =};
 * {@code --} ends the options, so that a key starting with {@code -} can be named.
 *
 * @param db the connection options ({@code --url}, {@code --dsn}, {@code --sslmode}, ...)
 * @param namespace {@code --namespace}, or null when not given (then {@code RC_NAMESPACE} decides)
 * @param json {@code --json}
 * @param duration {@code --for}, or null
 * @param operands the arguments that are not options (the key)
 */
record BreakerOptions(DbFlags db, String namespace, boolean json, String duration, List<String> operands) {

    /** Which of the command-specific options a command accepts. */
    enum Allow { JSON, FOR }

    static BreakerOptions parse(List<String> args, Allow... allowed) throws UsageException {
        List<Allow> accepts = List.of(allowed);
        DbFlags db = new DbFlags();
        String namespace = null;
        boolean json = false;
        String duration = null;
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                operands.addAll(args.subList(i + 1, args.size()));
                break;
            }
            String name = arg.startsWith("--") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = name.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
            if (DbFlags.keyOf(name) != null) {
                db.set(DbFlags.keyOf(name), inline != null ? inline : value(args, i++, "a " + name.substring(2), false));
                continue;
            }
            switch (name) {
                case "--namespace", "-n" -> namespace = inline != null ? inline
                        : value(args, i++, "a namespace; --namespace '' is the default one", false);
                case "--json" -> {
                    if (!accepts.contains(Allow.JSON) || inline != null) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                    json = true;
                }
                case "--for" -> {
                    if (!accepts.contains(Allow.FOR)) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                    duration = inline != null ? inline : value(args, i++, "a duration such as 30s, 5m, 1h or PT30S", true);
                }
                default -> {
                    if (arg.startsWith("-") && arg.length() > 1) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                    operands.add(arg);
                }
            }
        }
        return new BreakerOptions(db, namespace, json, duration, List.copyOf(operands));
    }

    /**
     * The value after the option at {@code index}. A following option is no value; a negative
     * duration ({@code -5m}) is taken when {@code negativeAllowed}, so that its error can name it.
     */
    private static String value(List<String> args, int index, String what, boolean negativeAllowed)
            throws UsageException {
        String option = args.get(index);
        if (index + 1 == args.size()) {
            throw new UsageException("option '" + option + "' needs a value (" + what + ")");
        }
        String next = args.get(index + 1);
        boolean negativeNumber = next.length() > 1 && next.charAt(0) == '-'
                && (Character.isDigit(next.charAt(1)) || Character.toUpperCase(next.charAt(1)) == 'P');
        if (next.startsWith("-") && !next.equals("-") && !(negativeAllowed && negativeNumber)) {
            throw new UsageException("option '" + option + "' needs a value (" + what + ")");
        }
        return next;
    }

    /** The one key the command works on. */
    String key() throws UsageException {
        if (operands.isEmpty()) {
            throw new UsageException("missing KEY: name the breaker (the 'status' command lists the keys)");
        }
        if (operands.size() > 1) {
            throw new UsageException("unexpected argument '" + operands.get(1) + "'");
        }
        String key = operands.get(0);
        if (key.isEmpty() || key.length() > 255 || key.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException("KEY '" + printable(key) + "' is not a breaker key:"
                    + " a key is 1 to 255 characters without control characters");
        }
        return key;
    }

    /** Refuses operands, for commands that take none. */
    void noOperands() throws UsageException {
        if (!operands.isEmpty()) {
            throw new UsageException("unexpected argument '" + operands.get(0) + "'");
        }
    }

    /** Control characters shown as {@code \}u escapes, so an error message stays on one line. */
    static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        text.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.append((char) c);
            }
        });
        return shown.toString();
    }
}
