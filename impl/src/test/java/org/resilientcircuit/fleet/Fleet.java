package org.resilientcircuit.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.resilientcircuit.store.postgres.TestDatabase;

/**
 * Member processes sharing one database and one namespace (unique per fleet, so tests never see each
 * other's rows). Closing the fleet kills every member still running.
 */
final class Fleet implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/:?,]+)(?::(\\d+))?/([^?]+)(?:\\?(.*))?$");

    final TestDatabase db;
    final String namespace;
    private final Map<String, String> connection;
    private final Map<String, String> environment;
    private final Path logDir;
    private final List<Member> members = new ArrayList<>();

    Fleet(TestDatabase db, String label) {
        this(db, label, coordinates(db.jdbcUrl()), Map.of());
    }

    /**
     * Members that find their database through environment variables alone ({@code RC_DB_URL}, ...),
     * as a deployment configured like the Python ancestor's services does; {@link #row()} is not
     * available (no {@link TestDatabase}): read the row from the test's own cluster.
     */
    Fleet(String label, Map<String, String> environment) {
        this(null, label, Map.of(), environment);
    }

    private Fleet(TestDatabase db, String label, Map<String, String> connection, Map<String, String> environment) {
        this.db = db;
        this.namespace = "fleet-" + label + "-" + UUID.randomUUID();
        this.connection = connection;
        this.environment = Map.copyOf(environment);
        this.logDir = Path.of(System.getProperty("fleet.log.dir", "target/fleet-logs"), namespace);
    }

    /** rc.db.* of a jdbc:postgresql://host[:port]/name[?user=..&password=..] URL. */
    static Map<String, String> coordinates(String jdbcUrl) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot take rc.db.* from " + jdbcUrl);
        }
        Map<String, String> rc = new HashMap<>();
        rc.put("rc.db.host", m.group(1));
        rc.put("rc.db.port", m.group(2) != null ? m.group(2) : "5432");
        rc.put("rc.db.name", m.group(3));
        if (m.group(4) != null) {
            for (String parameter : m.group(4).split("&")) {
                int eq = parameter.indexOf('=');
                if (eq > 0 && parameter.substring(0, eq).equals("user")) {
                    rc.put("rc.db.user", parameter.substring(eq + 1));
                } else if (eq > 0 && parameter.substring(0, eq).equals("password")) {
                    rc.put("rc.db.password", parameter.substring(eq + 1));
                }
            }
        }
        return rc;
    }

    /** Launches a member (without waiting for it): this fleet's database and namespace, the breaker delay given. */
    Member launch(String name, long delayMillis, Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(connection);
        properties.put("rc.namespace", namespace);
        properties.put("rc.schema.create", "true");
        properties.put("rc.instance", name);
        properties.put("rc.probe.lease", "5000");
        properties.put(FleetMember.DELAY_KEY, Long.toString(delayMillis));
        properties.putAll(overrides);
        List<String> definitions = new ArrayList<>();
        properties.forEach((k, v) -> definitions.add(k + "=" + v));
        Member member = Member.launch(name, definitions, environment, logDir);
        synchronized (members) {
            members.add(member);
        }
        return member;
    }

    /** Launches the members together and waits until every one is ready. */
    List<Member> start(long delayMillis, String... names) {
        return start(delayMillis, Map.of(), names);
    }

    /** Launches the members together, each with the same extra settings, and waits until every one is ready. */
    List<Member> start(long delayMillis, Map<String, String> overrides, String... names) {
        List<Member> started = new ArrayList<>();
        for (String name : names) {
            started.add(launch(name, delayMillis, overrides));
        }
        started.forEach(m -> m.awaitReady(START_TIMEOUT));
        return started;
    }

    /** The row of the members' breaker, read directly: state, version, changed_by, ms left on the deadline. */
    Row row() {
        return row(FleetMember.KEY);
    }

    /** The row of {@code key} in this fleet's namespace, read directly; null if there is none. */
    Row row(String key) {
        try (Connection c = db.connect();
                PreparedStatement select = c.prepareStatement("SELECT state, version, changed_by,"
                        + " GREATEST(0, EXTRACT(EPOCH FROM (COALESCE(CASE state WHEN 'OPEN' THEN open_until"
                        + " WHEN 'HALF_OPEN' THEN lease_until END, clock_timestamp()) - clock_timestamp())) * 1000)::bigint AS remaining,"
                        + " (EXTRACT(EPOCH FROM updated_at) * 1000000)::bigint AS updated_micros"
                        + " FROM rc_circuit_breakers WHERE namespace = ? AND resource_key = ?")) {
            select.setString(1, namespace);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Row(rs.getString("state"), rs.getLong("version"), rs.getString("changed_by"),
                        rs.getLong("remaining"), rs.getLong("updated_micros"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the row of " + namespace, e);
        }
    }

    /**
     * Runs the cli jar ({@code java -jar}, the jar of system property {@code rc.cli.jar}) on this
     * fleet's database, with {@code RC_*} cleared from its environment; returns its output, failing
     * on a non-zero exit.
     */
    String cli(String... args) {
        String jar = System.getProperty("rc.cli.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new AssertionError("system property rc.cli.jar (set by the failsafe configuration) names no jar: " + jar);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        command.addAll(List.of("--url", db.jdbcUrl()));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().keySet().removeIf(name -> name.startsWith("RC_"));
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", args) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    record Row(String state, long version, String changedBy, long remainingMillis, long updatedMicros) {
    }

    @Override
    public void close() {
        synchronized (members) {
            for (Member member : members) {
                try {
                    member.close();
                } catch (RuntimeException | AssertionError e) {
                    System.err.println("[fleet] could not kill " + member + ": " + e.getMessage());
                }
            }
            members.clear();
        }
    }
}
