package org.resilientcircuit.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Which database and which namespace an operator command works on. The database: as for
 * {@code pg-setup} ({@link DbSettings}). The namespace: {@code --namespace}, else {@code RC_NAMESPACE}
 * from the environment or else from {@code .env} (the variable MicroProfile Config maps to the
 * instances' {@code rc.namespace}), else {@code ""}, the default namespace.
 *
 * @param settings where to connect (never shows the password)
 * @param namespace the namespace of the rows
 * @param namespaceSource where the namespace came from, for the output
 */
record Target(DbSettings settings, String namespace, String namespaceSource) {

    static final String NAMESPACE = "RC_NAMESPACE";

    /**
     * How long the command line waits for any answer of the server (a stuck server, a row locked
     * for long). A client-side bound: it leaves no setting behind on a pooled server connection.
     */
    static final int NETWORK_TIMEOUT_MILLIS = 15_000;

    static Target resolve(BreakerOptions options, CliContext context) throws UsageException, SettingsException {
        DbSettings settings = DbSettings.from(options.db(), context.env(), context.workDir());
        if (options.namespace() != null) {
            return new Target(settings, checked(options.namespace(), "--namespace", true), "--namespace");
        }
        String fromEnvironment = context.env().get(NAMESPACE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new Target(settings, checked(fromEnvironment.strip(), NAMESPACE, false), NAMESPACE + " in the environment");
        }
        Path dotEnvFile = context.workDir().resolve(DotEnv.FILE_NAME);
        Map<String, String> dotEnv;
        try {
            dotEnv = DotEnv.read(dotEnvFile);
        } catch (UncheckedIOException e) {
            throw new SettingsException(e.getMessage());
        }
        String fromFile = dotEnv.get(NAMESPACE);
        if (fromFile != null && !fromFile.isBlank()) {
            return new Target(settings, checked(fromFile.strip(), NAMESPACE, false), NAMESPACE + " in " + dotEnvFile);
        }
        return new Target(settings, "", "default");
    }

    private static String checked(String namespace, String source, boolean option) throws UsageException,
            SettingsException {
        if (namespace.length() <= 255 && namespace.chars().noneMatch(Character::isISOControl)) {
            return namespace;
        }
        String message = source + " '" + BreakerOptions.printable(namespace) + "' is not a namespace:"
                + " at most 255 characters without control characters";
        if (option) {
            throw new UsageException(message);
        }
        throw new SettingsException(message);
    }

    /** The namespace for people: quoted, so that the default one shows as {@code ''}. */
    String quotedNamespace() {
        return quoted(namespace);
    }

    static String quoted(String namespace) {
        return "'" + BreakerOptions.printable(namespace) + "'";
    }

    /** {@code database rc on host:port[,host:port...]}: where the rows are; never the user's password. */
    String where() {
        return "database " + settings.database() + " on " + settings.hosts();
    }

    /** Connects, and bounds every wait for the server. */
    Connection connect() throws SQLException {
        Connection connection = settings.connect();
        try {
            connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
            return connection;
        } catch (SQLException problem) {
            connection.close();
            throw problem;
        }
    }
}
