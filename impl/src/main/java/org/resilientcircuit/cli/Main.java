package org.resilientcircuit.cli;

import java.util.Arrays;
import java.util.List;

/**
 * The command line: {@code java -jar resilient-circuit-impl-<version>-cli.jar <command> [options]}.
 *
 * <p>Plain Java on purpose: it runs from the self-contained cli jar (this module, the api and the
 * PostgreSQL driver) and needs neither CDI nor MicroProfile on its class path.
 */
public final class Main {

    /** Exit code: the command did what was asked. */
    public static final int OK = 0;
    /** Exit code: the command failed, or the user declined. */
    public static final int FAILURE = 1;
    /** Exit code: the command line was wrong. */
    public static final int USAGE = 2;

    static final String PROGRAM = "resilient-circuit";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, CliContext.system()));
    }

    /** Runs one command line with the {@linkplain Commands#standard() standard commands}. */
    public static int run(String[] args, CliContext context) {
        return run(args, context, Commands.standard());
    }

    /** Runs one command line and returns its exit code; never calls {@link System#exit}. */
    public static int run(String[] args, CliContext context, Commands commands) {
        if (args.length == 0) {
            context.err().println(PROGRAM + ": no command given");
            context.err().print(usage(commands));
            return USAGE;
        }
        String name = args[0];
        if (isHelp(name) || name.equals("help")) {
            context.out().print(usage(commands));
            return OK;
        }
        Command command = commands.find(name);
        if (command == null) {
            context.err().println(PROGRAM + ": unknown command '" + name + "'");
            context.err().print(usage(commands));
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.stream().anyMatch(Main::isHelp)) {
            context.out().print(command.usage());
            return OK;
        }
        try {
            return command.run(rest, context);
        } catch (UsageException e) {
            context.err().println(PROGRAM + " " + command.name() + ": " + e.getMessage());
            context.err().print(command.usage());
            return USAGE;
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    static String usage(Commands commands) {
        String version = Main.class.getPackage().getImplementationVersion();
        StringBuilder text = new StringBuilder()
                .append("Usage: java -jar resilient-circuit-impl-").append(version != null ? version : "<version>")
                .append("-cli.jar <command> [options]\n\n")
                .append("Commands:\n");
        int width = commands.all().stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (Command command : commands.all()) {
            text.append("  ").append(pad(command.name(), width)).append("  ").append(command.summary()).append('\n');
        }
        return text.append("\nRun '<command> --help' for the options of a command.\n").toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
