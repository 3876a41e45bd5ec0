package org.resilientcircuit.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code status}, {@code reset} and {@code open} share: their options are checked before
 * anything connects, then the target is resolved ({@link Target}), connected to, and every failure
 * is reported on one line with exit code 1, naming host, port and database, never the password.
 */
abstract class BreakerCommand implements Command {

    static final String UNDEFINED_TABLE = "42P01";
    static final String UNDEFINED_COLUMN = "42703";

    /** Parses and checks the arguments; nothing may connect yet. */
    abstract BreakerOptions parse(List<String> args) throws UsageException;

    /** Does the command's work on an open connection. */
    abstract int work(BreakerOptions options, Target target, Connection connection, CliContext context)
            throws SQLException, UsageException;

    @Override
    public final int run(List<String> args, CliContext context) throws UsageException {
        BreakerOptions options = parse(args);
        Target target;
        try {
            target = Target.resolve(options, context);
        } catch (SettingsException e) {
            return fail(context, e.getMessage());
        }
        Connection connection;
        try {
            connection = target.connect();
        } catch (SQLException e) {
            DbSettings settings = target.settings();
            return fail(context, "cannot connect to PostgreSQL at " + settings.where() + ": " + oneLine(e.getMessage()));
        }
        try (connection) {
            return work(options, target, connection, context);
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return fail(context, "table rc_circuit_breakers does not exist in " + target.where()
                        + ": create it with 'pg-setup', or start an instance with rc.schema.create=true");
            }
            if (UNDEFINED_COLUMN.equals(e.getSQLState())) {
                return fail(context, "table rc_circuit_breakers in " + target.where() + " is the Python library's"
                        + " or an older one (" + oneLine(e.getMessage()) + "): upgrade it with 'pg-setup'");
            }
            return fail(context, "failed on " + target.where() + ": " + oneLine(e.getMessage()));
        }
    }

    int fail(CliContext context, String message) {
        context.err().println(Main.PROGRAM + " " + name() + ": " + message);
        return Main.FAILURE;
    }

    static String oneLine(String message) {
        return message == null ? "(no message)" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /**
     * The namespaces of the table, quoted, each with its number of breakers; with a {@code key}, only
     * the namespaces holding that key (without numbers).
     */
    static List<String> namespaces(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CliSql.NAMESPACES)) {
            select.setString(1, key);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                List<String> namespaces = new ArrayList<>();
                while (rows.next()) {
                    long breakers = rows.getLong("breakers");
                    namespaces.add(Target.quoted(rows.getString("namespace"))
                            + (key != null ? "" : " (" + breakers + (breakers == 1 ? " breaker)" : " breakers)")));
                }
                return namespaces;
            }
        }
    }

    /** The options every breaker command has, for its usage text. */
    static final String COMMON_OPTIONS = """
              --namespace NS  the breakers' namespace, as the instances' rc.namespace (short: -n NS);
                              default: RC_NAMESPACE from the environment, else from .env, else ''
            """ + DbFlags.USAGE + """

            Without --url or --dsn the settings are those of pg-setup: RC_DB_URL, RC_DB_DSN, or RC_DB_HOST
            with RC_DB_PORT (5432) and RC_DB_NAME (resilient_circuit_db); RC_DB_USER (postgres), RC_DB_PASSWORD
            and RC_DB_SSLMODE, RC_DB_SSLROOTCERT, RC_DB_SSLCERT, RC_DB_SSLKEY, RC_DB_SSLPASSWORD, each from
            the environment or else from .env in the working directory.
            """;
}
