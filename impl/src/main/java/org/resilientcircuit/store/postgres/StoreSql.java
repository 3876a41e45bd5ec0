package org.resilientcircuit.store.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The store's statements, each in its own file beside this class, commented there. */
final class StoreSql {

    static final String READ = load("read.sql");
    static final String INSERT = load("insert.sql");
    static final String TRANSITION = load("transition.sql");
    static final String POLL = load("poll.sql");
    static final String POLL_CHANGED = load("poll_changed.sql");
    static final String SESSION = load("session.sql");
    static final String SCHEMA = load("schema.sql");
    static final String WINDOW_FLUSH = load("window_flush.sql");
    static final String WINDOW_RESTART = load("window_restart.sql");
    static final String QUORUM_VOTE = load("quorum_vote.sql");
    static final String QUORUM_COUNT = load("quorum_count.sql");
    static final String CLOCK = load("clock.sql");
    static final String PROBE = load("probe.sql");
    static final String SCHEMA_CHECK = load("schema_check.sql");

    private StoreSql() {
    }

    static String load(String name) {
        try (InputStream in = StoreSql.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + StoreSql.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
