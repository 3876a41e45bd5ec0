package org.resilientcircuit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportTest {

    @TempDir
    Path dir;

    @Test
    void writesTheTablesTheVerdictsAndAWellFormedChart() throws Exception {
        TargetsTest.file("samples", "400", "members", "3", "openings", "200", "warmup.openings", "10",
                "delay.median.ms", "1.2", "delay.p99.ms", "4.5", "delay.max.ms", "7", "rejected.confirmed", "400",
                "version.mismatches", "0").write(dir.resolve("propagation.properties"), null);
        TargetsTest.file("date", "2030-01-01T00:00:00Z", "cores", "2", "postgresql", "PostgreSQL 15.20")
                .write(dir.resolve("machine.properties"), "machine");
        TargetsTest.file("store", "memory", "breakers", "10000", "heap.mb", "4.5", "bytes.per.breaker", "450", "included", "x")
                .write(dir.resolve("heap-memory.properties"), null);
        Report report = new Report(JmhResultsTest.sample(), dir, false);

        String md = report.markdown();
        assertTrue(md.contains("| cores | 2 |"), md);
        assertTrue(md.contains("| PostgreSQL 15.20 |") || md.contains("| postgresql | PostgreSQL 15.20 |"), md);
        assertTrue(md.contains("| propagation of an opening to another instance, median | 1.200 ms, n=400 | < 3 ms | met |"), md);
        assertTrue(md.contains("| circuitBreaker | 1 | 2.00 | 22.00 | 24.00 | 202.0 | 20.00 | 22.00 | 200.0 | 1.10x | 0.11x | 0.10x |"), md);
        assertTrue(md.contains("**missed**"), md);
        assertTrue(md.contains("| heap held by 10,000 breakers, PostgreSQL store | - | < 50 MB | not measured |"), md);

        String svg = report.chart();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        // 5 overhead groups of 3 bars, less the missing SmallRye bar; rejected: 3 + 2 bars; plus 3 legend squares and the background
        assertEquals(14 + 5 + 3 + 1, doc.getElementsByTagName("rect").getLength());
    }

    @Test
    void withNothingMeasuredSaysSo() throws Exception {
        Report report = new Report(JmhResults.parse(""), dir, true);
        String md = report.markdown();
        assertTrue(md.contains("Quick run"));
        assertTrue(md.contains("No JMH results"));
        assertTrue(md.contains("0 met, 0 missed"), md);
        assertTrue(report.chart().contains("no JMH results"));
        Files.writeString(dir.resolve("chart.svg"), report.chart());
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("chart.svg").toFile());
    }
}
