package org.resilientcircuit.cli;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The subcommands known to {@link Main}, by name, in the order they are listed in the usage. */
public final class Commands {

    private final Map<String, Command> byName = new LinkedHashMap<>();

    /** Every command the command line offers. */
    public static Commands standard() {
        return new Commands()
                .register(new PgSetupCommand())
                .register(new StatusCommand())
                .register(new ResetCommand())
                .register(new OpenCommand());
    }

    public Commands register(Command command) {
        if (byName.putIfAbsent(command.name(), command) != null) {
            throw new IllegalArgumentException("two commands named " + command.name());
        }
        return this;
    }

    /** The command of that name, or null. */
    public Command find(String name) {
        return byName.get(name);
    }

    public Collection<Command> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
