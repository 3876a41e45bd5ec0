package org.resilientcircuit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The statements of the operator commands, each in its own file beside this class, commented there. */
final class CliSql {

    static final String STATUS = load("status.sql");
    static final String NAMESPACES = load("namespaces.sql");

    private CliSql() {
    }

    private static String load(String name) {
        try (InputStream in = CliSql.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + CliSql.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
