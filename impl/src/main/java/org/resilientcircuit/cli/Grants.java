package org.resilientcircuit.cli;

/**
 * {@code pg-setup --grant ROLE}: the privileges an application's role needs, and no more, for a DBA
 * to run as the tables' owner after {@code pg-setup}. The store reads and writes rows; it never
 * deletes breaker rows, creates anything or needs a sequence.
 */
public final class Grants {

    private Grants() {
    }

    public static String forRole(String role) {
        String quoted = identifier(role);
        return "-- Resilient Circuit: what role " + role + " needs, run by the owner of the tables after pg-setup.\n"
                + "-- Every mode:\n"
                + "GRANT SELECT, INSERT, UPDATE ON rc_circuit_breakers TO " + quoted + ";\n"
                + "-- rc.window=shared:\n"
                + "GRANT SELECT, INSERT, UPDATE ON rc_breaker_windows TO " + quoted + ";\n"
                + "-- rc.quorum > 1 (old votes are deleted on the way):\n"
                + "GRANT SELECT, INSERT, UPDATE, DELETE ON rc_breaker_votes TO " + quoted + ";\n"
                + "-- rc.schema.create=true needs none of these but ownership of the tables; without it, the store\n"
                + "-- runs on a schema that is in place and says once that it left it alone.\n";
    }

    /** The role as an SQL identifier: as it is when it is a plain lower-case name, else quoted. */
    static String identifier(String role) {
        if (role.matches("[a-z_][a-z0-9_$]*")) {
            return role;
        }
        return "\"" + role.replace("\"", "\"\"") + "\"";
    }
}
