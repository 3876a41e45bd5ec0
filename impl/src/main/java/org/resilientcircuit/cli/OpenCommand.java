package org.resilientcircuit.cli;

import java.time.Duration;

import org.resilientcircuit.spi.BreakerPhase;

/** {@code open KEY [--for DURATION]}: holds the breaker open for the whole fleet; default one minute. */
public final class OpenCommand extends ForceCommand {

    /** How long {@code open} holds a breaker open without {@code --for}. */
    static final Duration DEFAULT_DURATION = Duration.ofMinutes(1);

    @Override
    public String name() {
        return "open";
    }

    @Override
    public String summary() {
        return "Open a circuit breaker for every instance, for a while (--for, default 1m)";
    }

    @Override
    public String usage() {
        return """
                Usage: open KEY [--for DURATION] [--namespace NS] [--url JDBC_URL | --dsn DSN]

                Opens the circuit breaker KEY for DURATION (from now, by the database clock) by the same
                compare-and-set as an instance's transition (version + 1, changed_by cli@<host>). Every
                running instance rejects calls at once; when DURATION is over, the first call probes
                (HALF_OPEN) as after any open. An unknown KEY changes nothing (exit code 1). Use -- before
                a KEY that starts with '-'.

                Options:
                  --for DURATION  how long: 30s, 5m, 1h, 1h30m, 2d, 1500ms or ISO-8601 (PT30S);
                                  default 1m, at most 365d
                """ + COMMON_OPTIONS;
    }

    @Override
    BreakerOptions.Allow[] allowed() {
        return new BreakerOptions.Allow[] {BreakerOptions.Allow.FOR};
    }

    @Override
    BreakerPhase phase() {
        return BreakerPhase.OPEN;
    }

    @Override
    long millis(BreakerOptions options) throws UsageException {
        return duration(options).toMillis();
    }

    static Duration duration(BreakerOptions options) throws UsageException {
        if (options.duration() == null) {
            return DEFAULT_DURATION;
        }
        try {
            return Durations.parse(options.duration());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--for: " + e.getMessage());
        }
    }

    @Override
    String done() {
        return "Opened";
    }

    @Override
    String detail(BreakerOptions options) throws UsageException {
        return " for " + Durations.format(duration(options));
    }

    @Override
    String consequence(BreakerOptions options) throws UsageException {
        return "Calls are rejected for " + Durations.format(duration(options)) + "; then the first call probes.";
    }
}
