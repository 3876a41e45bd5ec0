package org.resilientcircuit.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.spi.BreakerState;
import org.resilientcircuit.store.postgres.Operator;

/**
 * {@code reset} and {@code open}: one transition of one breaker by the instances' own protocol
 * ({@link Operator#force}): a compare-and-set from the version read, version + 1, signed
 * {@code cli@<host>}, tried again from the winning row when an instance moved it meanwhile. The row
 * trigger's NOTIFY brings the change to every running instance, like any transition.
 */
abstract class ForceCommand extends BreakerCommand {

    /** The phase this command moves the breaker to. */
    abstract BreakerPhase phase();

    /** How long the breaker stays in that phase (OPEN); 0 for CLOSED. */
    abstract long millis(BreakerOptions options) throws UsageException;

    /** What the command did, for the output: {@code Reset}, {@code Opened}. */
    abstract String done();

    /** How long, for the output: {@code ""} or {@code " for 5m"}. */
    abstract String detail(BreakerOptions options) throws UsageException;

    /** What running instances now do, one sentence. */
    abstract String consequence(BreakerOptions options) throws UsageException;

    @Override
    int work(BreakerOptions options, Target target, Connection connection, CliContext context)
            throws SQLException, UsageException {
        String key = options.key();
        Operator.Result result = Operator.force(connection, target.namespace(), key, phase(), millis(options),
                changedBy());
        String breaker = "'" + BreakerOptions.printable(key) + "' in namespace " + target.quotedNamespace();
        switch (result.outcome()) {
            case UNKNOWN_KEY -> {
                List<String> elsewhere = namespaces(connection, key);
                return fail(context, "no circuit breaker " + breaker + " (" + target.namespaceSource() + ") in "
                        + target.where() + "; " + (elsewhere.isEmpty()
                                ? "no namespace has it: 'status' lists the keys of a namespace. Nothing was changed."
                                : "it exists in namespace " + String.join(", ", elsewhere)
                                        + ": choose with --namespace NS. Nothing was changed."));
            }
            case CONTENDED -> {
                return fail(context, breaker + " kept changing: " + result.attempts() + " attempts lost to transitions"
                        + " of running instances (now " + result.before().phase() + ", version "
                        + result.before().version() + "). Nothing was changed; try again.");
            }
            default -> {
                BreakerState before = result.before();
                BreakerState after = result.after();
                context.out().println(done() + " " + breaker + detail(options) + ": " + before.phase() + " -> " + after.phase()
                        + ", version " + before.version() + " -> " + after.version() + ", changed_by " + after.owner()
                        + ".");
                context.out().println(consequence(options) + " Running instances adopt the change at once (the"
                        + " table's NOTIFY), or at their next poll.");
                return Main.OK;
            }
        }
    }

    @Override
    BreakerOptions parse(List<String> args) throws UsageException {
        BreakerOptions options = BreakerOptions.parse(args, allowed());
        options.key();
        millis(options);
        return options;
    }

    BreakerOptions.Allow[] allowed() {
        return new BreakerOptions.Allow[0];
    }

    /** {@code cli@<host>}: how the command line signs its transitions in changed_by. */
    static String changedBy() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
        }
        String signature = "cli@" + host;
        return signature.length() <= 255 ? signature : signature.substring(0, 255);
    }
}
