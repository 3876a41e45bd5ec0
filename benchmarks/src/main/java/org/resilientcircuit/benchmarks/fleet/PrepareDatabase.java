package org.resilientcircuit.benchmarks.fleet;

import java.sql.SQLException;

/**
 * {@code run.sh}'s first step: the benchmark database ({@code RC_BENCH_JDBC_URL}) exists before
 * anything uses it. The JMH run's PostgreSQL configurations connect to it directly and would fail on a
 * fresh server, where only the fleet harness, which runs later, used to create it.
 */
public final class PrepareDatabase {

    private PrepareDatabase() {
    }

    public static void main(String[] args) throws SQLException {
        try (BenchDatabase db = BenchDatabase.open()) {
            System.out.println("[run] benchmark database " + db.name + " on " + db.host + " is there");
        }
    }
}
