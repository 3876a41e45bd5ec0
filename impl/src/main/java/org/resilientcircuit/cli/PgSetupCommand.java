package org.resilientcircuit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import org.resilientcircuit.connect.DbKey;
import org.resilientcircuit.store.postgres.Schema;

/**
 * {@code pg-setup [--yes] [--dry-run] [--url JDBC_URL | --dsn DSN] [--ssl...]}: creates the table {@code rc_circuit_breakers}
 * with its indexes and triggers, or upgrades a table made by the Python ancestor, by applying the
 * store's schema script in one transaction ({@link Schema#apply}). Running it again changes nothing.
 */
public final class PgSetupCommand implements Command {

    /** Class-path location of the schema script, for migration tools. */
    public static final String SCHEMA_RESOURCE = "org/resilientcircuit/store/postgres/schema.sql";

    private static final String NAME = "pg-setup";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "Create or upgrade the table rc_circuit_breakers in PostgreSQL";
    }

    @Override
    public String usage() {
        return """
                Usage: pg-setup [--yes] [--dry-run] [--grant ROLE] [--url JDBC_URL | --dsn DSN] [--sslmode MODE ...]

                Creates the table rc_circuit_breakers, its indexes and triggers, or upgrades a table
                made by the Python resilient-circuit, in one transaction. Safe to run again.

                Options:
                  --yes, -y       apply without asking
                  --dry-run       print the SQL that would be applied; connect to nothing, change nothing
                  --grant ROLE    print the GRANT statements that give ROLE what the library needs, and
                                  nothing more; connect to nothing, change nothing
                """ + DbFlags.USAGE + """

                Without --url or --dsn the settings are the environment variables RC_DB_URL, RC_DB_DSN, or
                RC_DB_HOST with RC_DB_PORT (5432) and RC_DB_NAME (resilient_circuit_db); then RC_DB_USER
                (postgres), RC_DB_PASSWORD, RC_DB_SSLMODE, RC_DB_SSLROOTCERT, RC_DB_SSLCERT, RC_DB_SSLKEY and
                RC_DB_SSLPASSWORD; each one not set in the environment is read from .env in the working
                directory. The password is never printed.
                """;
    }

    @Override
    public int run(List<String> args, CliContext context) throws UsageException {
        Options options = Options.parse(args);
        if (options.grantTo() != null) {
            context.out().print(Grants.forRole(options.grantTo()));
            return Main.OK;
        }
        if (options.dryRun()) {
            return dryRun(options, context);
        }
        DbSettings settings;
        try {
            settings = DbSettings.from(options.db(), context.env(), context.workDir());
        } catch (SettingsException e) {
            return fail(context, e.getMessage());
        }
        context.out().println("Connecting to PostgreSQL: " + settings.describe() + " (settings from "
                + settings.source() + ")");
        Connection connection;
        try {
            connection = settings.connect();
        } catch (SQLException e) {
            return fail(context, "cannot connect to PostgreSQL at " + settings.where() + ": " + oneLine(e.getMessage()));
        }
        try (connection) {
            return setUp(connection, settings, options.yes(), context);
        } catch (SQLException e) {
            return fail(context, "failed: " + oneLine(e.getMessage()));
        }
    }

    private static int dryRun(Options options, CliContext context) throws UsageException {
        String target;
        try {
            target = DbSettings.from(options.db(), context.env(), context.workDir()).describe();
        } catch (SettingsException e) {
            target = e.getMessage();
        }
        context.out().println("-- pg-setup --dry-run: nothing was changed. pg-setup would apply this SQL"
                + " in one transaction.");
        context.out().println("-- Target: " + target);
        context.out().println("-- Source: classpath:" + SCHEMA_RESOURCE);
        context.out().println();
        context.out().print(Schema.sql());
        return Main.OK;
    }

    private static int setUp(Connection connection, DbSettings settings, boolean yes, CliContext context)
            throws SQLException {
        Inspection before = Inspection.of(connection);
        context.out().println(before.exists()
                ? "Table " + Inspection.TABLE + " exists with " + before.rows()
                        + " rows: they are kept; what is missing or outdated is added or upgraded."
                : "Table " + Inspection.TABLE + " does not exist: it will be created.");
        if (!before.localTimestamps().isEmpty()) {
            useServerTimeZone(connection, before, context);
        }
        if (!yes && !confirm(settings, context)) {
            return fail(context, "aborted, nothing was changed.");
        }
        try {
            Schema.apply(connection);
        } catch (SQLException e) {
            return fail(context, "applying the schema failed and was rolled back, nothing was changed: "
                    + oneLine(e.getMessage()));
        }
        Inspection after = Inspection.of(connection);
        context.out().println("Applied in one transaction. " + Inspection.TABLE + ": " + after.rows() + " rows");
        context.out().println("  columns:  " + String.join(", ", after.columns()));
        context.out().println("  indexes:  " + String.join(", ", after.indexes()));
        context.out().println("  triggers: " + String.join(", ", after.triggers()));
        if (!after.missing().isEmpty()) {
            return fail(context, "applied, but missing afterwards: " + String.join(", ", after.missing()));
        }
        context.out().println("Done: " + Inspection.TABLE + " is ready in database " + settings.database() + ".");
        pythonNote(connection, context);
        return Main.OK;
    }

    /**
     * What Python services on this table must set. resilient-circuit 0.4 and 0.5 send open_until as
     * the host's local wall clock without a zone, which PostgreSQL reads in the session's TimeZone
     * (psycopg sets none: the server's), so a host in another zone opens breakers for hours too long
     * or not at all.
     */
    private static void pythonNote(Connection connection, CliContext context) throws SQLException {
        String zone = serverTimeZone(connection);
        context.out().println();
        context.out().println("Python services (resilient-circuit) sharing this table:");
        context.out().println("  - 0.4 and 0.5 write open_until in their host's local time, which PostgreSQL reads in"
                + " the session's TimeZone (" + (zone == null ? "the server's" : zone) + " unless set): run every such host whose zone differs with"
                + " PGTZ=<its zone> in its environment (or ALTER ROLE <its role> SET timezone = '<its zone>'),"
                + " or upgrade it to 0.6, which writes UTC.");
        context.out().println("  - their namespace is 'default' unless RC_NAMESPACE says otherwise: give the Java"
                + " services the same rc.namespace to share their breakers.");
    }

    /**
     * Sets this session's zone to the server's own, in which the ancestor (psycopg sets no zone)
     * wrote its TIMESTAMP values; pgjdbc's sessions start in the JVM's zone. The ALTER ... TYPE
     * TIMESTAMPTZ of schema.sql reads the old values in the session's zone.
     */
    private static void useServerTimeZone(Connection connection, Inspection before, CliContext context)
            throws SQLException {
        String zone = serverTimeZone(connection);
        String how = "the server's TimeZone";
        if (zone == null) {
            zone = TimeZone.getDefault().getID();
            how = "this JVM's zone: the server's TimeZone is not readable by this user; choose with"
                    + " java -Duser.timezone=ZONE";
        }
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config('TimeZone', ?, false)")) {
            set.setString(1, zone);
            set.execute();
        }
        context.out().println("Columns " + String.join(", ", before.localTimestamps()) + " are TIMESTAMP without"
                + " time zone: their values are read as local time in " + zone + " (" + how + ") and kept as"
                + " TIMESTAMPTZ.");
    }

    /**
     * The server's zone for this database and user: a per-database or per-role setting, else the
     * configuration file's; null when unreadable (pg_file_settings needs pg_read_all_settings).
     */
    static String serverTimeZone(Connection connection) throws SQLException {
        String perDatabaseOrRole = firstString(connection, """
                SELECT substr(cfg, strpos(cfg, '=') + 1) FROM (
                    SELECT unnest(setconfig) AS cfg,
                           CASE WHEN setdatabase <> 0 AND setrole <> 0 THEN 1 WHEN setrole <> 0 THEN 2 ELSE 3 END AS rank
                    FROM pg_db_role_setting
                    WHERE setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
                      AND setrole IN (0, (SELECT oid FROM pg_roles WHERE rolname = session_user))) s
                WHERE lower(split_part(cfg, '=', 1)) = 'timezone'
                ORDER BY rank LIMIT 1""");
        if (perDatabaseOrRole != null) {
            return perDatabaseOrRole;
        }
        try {
            return firstString(connection, "SELECT setting FROM pg_file_settings"
                    + " WHERE lower(name) = 'timezone' AND applied AND error IS NULL ORDER BY seqno DESC LIMIT 1");
        } catch (SQLException e) {
            return null; // not allowed to read the configuration file
        }
    }

    private static String firstString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }

    private static boolean confirm(DbSettings settings, CliContext context) {
        context.out().print("Apply schema.sql (create or upgrade " + Inspection.TABLE + ") to database "
                + settings.database() + " on " + settings.hosts() + "? [y/N] ");
        context.out().flush();
        String answer;
        try {
            answer = context.in().readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (answer == null) {
            context.out().println();
            return false;
        }
        String normalized = answer.strip().toLowerCase(Locale.ROOT);
        return normalized.equals("y") || normalized.equals("yes");
    }

    private static int fail(CliContext context, String message) {
        context.err().println(Main.PROGRAM + " " + NAME + ": " + message);
        return Main.FAILURE;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** The parsed command line of pg-setup. */
    record Options(boolean yes, boolean dryRun, String grantTo, DbFlags db) {

        static Options parse(List<String> args) throws UsageException {
            boolean yes = false;
            boolean dryRun = false;
            String grantTo = null;
            DbFlags db = new DbFlags();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                DbKey key = DbFlags.keyOf(name);
                if (arg.equals("--yes") || arg.equals("-y")) {
                    yes = true;
                } else if (arg.equals("--dry-run")) {
                    dryRun = true;
                } else if (arg.equals("--grant")) {
                    if (i + 1 == args.size() || args.get(i + 1).startsWith("-") || args.get(i + 1).isBlank()) {
                        throw new UsageException("option '--grant' needs the role to grant to");
                    }
                    grantTo = args.get(++i);
                } else if (key != null && !name.equals(arg)) {
                    db.set(key, arg.substring(name.length() + 1));
                } else if (key != null) {
                    if (i + 1 == args.size() || args.get(i + 1).startsWith("-")) {
                        throw new UsageException("option '" + arg + "' needs a value");
                    }
                    db.set(key, args.get(++i));
                } else if (arg.startsWith("-")) {
                    throw new UsageException("unknown option '" + arg + "'");
                } else {
                    throw new UsageException("unexpected argument '" + arg + "'");
                }
            }
            return new Options(yes, dryRun, grantTo, db);
        }
    }
}
