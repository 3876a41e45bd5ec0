package org.resilientcircuit.benchmarks.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resilientcircuit.benchmarks.report.ResultFile;

/**
 * The harness end to end, small: two member processes, a few openings, on the server of
 * {@code RC_TEST_JDBC_URL} (database {@code rc_bench_smoke}, created if missing). Skipped without that
 * variable. Asserts that every opening reached the other member and was rejected there; no timing.
 */
class FleetSmokeTest {

    @Test
    void twoMembersPropagateOpenings(@TempDir Path out) throws Exception {
        String server = System.getenv("RC_TEST_JDBC_URL");
        assumeTrue(server != null && !server.isBlank(), "RC_TEST_JDBC_URL is not set");
        String url = server.strip().replaceFirst("^(jdbc:postgresql://[^/?]*)/[^?]*", "$1/rc_bench_smoke");
        try (BenchDatabase db = BenchDatabase.open(url)) {
            FleetBench.run(db, out, new FleetBench.Options(4, 1, 2, 1000, 2, 1, 50, List.of("propagation")));
        }
        ResultFile propagation = ResultFile.read(out.resolve("propagation.properties"));
        assertEquals("4", propagation.get("samples"), "one sample per opening and other member");
        assertEquals("4", propagation.get("rejected.confirmed"));
        assertEquals("0", propagation.get("version.mismatches"));
        assertTrue(propagation.number("delay.median.ms").isPresent());
        assertTrue(Files.readAllLines(out.resolve("propagation-samples.csv")).size() == 1 + 5);
        assertTrue(ResultFile.read(out.resolve("machine.properties")).get("postgresql").startsWith("PostgreSQL"));
    }
}
