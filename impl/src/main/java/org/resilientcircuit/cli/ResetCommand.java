package org.resilientcircuit.cli;

import org.resilientcircuit.spi.BreakerPhase;

/** {@code reset KEY}: closes the breaker for the whole fleet, failure count 0, an empty window on every instance. */
public final class ResetCommand extends ForceCommand {

    @Override
    public String name() {
        return "reset";
    }

    @Override
    public String summary() {
        return "Close a circuit breaker for every instance";
    }

    @Override
    public String usage() {
        return """
                Usage: reset KEY [--namespace NS] [--url JDBC_URL | --dsn DSN]

                Closes the circuit breaker KEY (state CLOSED, failure_count 0) by the same compare-and-set
                as an instance's transition (version + 1, changed_by cli@<host>). Every running instance
                adopts it at once and starts counting afresh. An unknown KEY changes nothing (exit code 1).
                Use -- before a KEY that starts with '-'.

                Options:
                """ + COMMON_OPTIONS;
    }

    @Override
    BreakerPhase phase() {
        return BreakerPhase.CLOSED;
    }

    @Override
    long millis(BreakerOptions options) {
        return 0;
    }

    @Override
    String done() {
        return "Reset";
    }

    @Override
    String detail(BreakerOptions options) {
        return "";
    }

    @Override
    String consequence(BreakerOptions options) {
        return "Calls go through again.";
    }
}
