package org.resilientcircuit.connect;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The connection settings as the user gave them, and how to name each one in a message: an
 * application names {@code rc.db.dsn}, the command line {@code --dsn} or {@code RC_DB_DSN in .env}.
 */
public final class DbInput {

    private final Map<DbKey, String> values;
    private final Function<DbKey, String> naming;
    private final Set<DbKey> used = EnumSet.noneOf(DbKey.class);

    /**
     * @param values the settings given; a blank value counts as not given
     * @param naming what to call a setting in a message
     */
    public DbInput(Map<DbKey, String> values, Function<DbKey, String> naming) {
        this.values = new EnumMap<>(DbKey.class);
        values.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                this.values.put(key, value);
            }
        });
        this.naming = naming;
    }

    /** The value, and the setting counts as used (see {@link #used()}). */
    public Optional<String> value(DbKey key) {
        if (values.containsKey(key)) {
            used.add(key);
        }
        return Optional.ofNullable(values.get(key));
    }

    /** The value, only to check it: the setting does not count as used. */
    Optional<String> peek(DbKey key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The settings whose values went into the connection, so that a command can say where they came from. */
    public Set<DbKey> used() {
        return Set.copyOf(used);
    }

    public boolean has(DbKey key) {
        return values.containsKey(key);
    }

    /** The setting's name for messages. */
    public String name(DbKey key) {
        return naming.apply(key);
    }
}
