package org.resilientcircuit.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code status [--json] [--namespace NS] [--url JDBC_URL | --dsn DSN]}: every breaker of a namespace as the
 * table holds it, the fleet's shared view (status.sql). Reads only.
 */
public final class StatusCommand extends BreakerCommand {

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "Show every circuit breaker of a namespace (table or --json)";
    }

    @Override
    public String usage() {
        return """
                Usage: status [--json] [--namespace NS] [--url JDBC_URL | --dsn DSN]

                Lists every circuit breaker of the namespace as the fleet shares it: key, state,
                failure count, time to half-open (OPEN) or the prober's lease left (HALF_OPEN), by the
                database clock, the last change (updated_at, UTC) and who made it (changed_by).
                Changes nothing.

                Options:
                  --json          print JSON instead of a table (nothing else goes to standard output)
                """ + COMMON_OPTIONS;
    }

    @Override
    BreakerOptions parse(List<String> args) throws UsageException {
        BreakerOptions options = BreakerOptions.parse(args, BreakerOptions.Allow.JSON);
        options.noOperands();
        return options;
    }

    @Override
    int work(BreakerOptions options, Target target, Connection connection, CliContext context) throws SQLException {
        List<BreakerRow> rows = rows(connection, target.namespace());
        if (options.json()) {
            context.out().print(StatusReport.json(target.namespace(), rows));
            return Main.OK;
        }
        context.out().println(StatusReport.summary(target, rows));
        if (rows.isEmpty()) {
            List<String> namespaces = namespaces(connection, null);
            context.out().println(namespaces.isEmpty()
                    ? "The table rc_circuit_breakers is empty: no instance has used a breaker yet."
                    : "Namespaces in rc_circuit_breakers: " + String.join(", ", namespaces)
                            + ". Choose one with --namespace NS.");
            return Main.OK;
        }
        context.out().print(StatusReport.table(rows));
        return Main.OK;
    }

    static List<BreakerRow> rows(Connection connection, String namespace) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CliSql.STATUS)) {
            select.setString(1, namespace);
            try (ResultSet result = select.executeQuery()) {
                List<BreakerRow> rows = new ArrayList<>();
                while (result.next()) {
                    rows.add(BreakerRow.of(result));
                }
                return rows;
            }
        }
    }
}
