package org.resilientcircuit.cli;

import java.util.List;

/**
 * One subcommand of the command line ({@code pg-setup}, later {@code status}, {@code reset KEY},
 * {@code open KEY}). Register it in {@link Commands#standard()}.
 */
public interface Command {

    /** The word that selects this command, e.g. {@code pg-setup}. */
    String name();

    /** One line for the list of commands. */
    String summary();

    /** The command's own help: its arguments and options, several lines. */
    String usage();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name ({@code --help} is handled by {@link Main})
     * @return the exit code: {@link Main#OK} or {@link Main#FAILURE}
     * @throws UsageException when the arguments are wrong (exit code {@link Main#USAGE})
     */
    int run(List<String> args, CliContext context) throws UsageException;
}
