package org.resilientcircuit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class JmhResultsTest {

    static JmhResults sample() throws IOException {
        try (InputStream in = JmhResultsTest.class.getResourceAsStream("/sample-jmh.csv")) {
            return JmhResults.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsEveryRowByColumnName() throws IOException {
        JmhResults jmh = sample();
        assertEquals(21, jmh.rows().size());
        JmhResults.Row first = jmh.rows().get(0);
        assertEquals("PlainCallBenchmark.call", first.benchmark());
        assertEquals("avgt", first.mode());
        assertEquals(1, first.threads());
        assertEquals(5, first.samples());
        assertEquals(2.0, first.score());
        assertEquals(0.1, first.error());
        assertEquals("ns/op", first.unit());
        assertTrue(first.params().isEmpty(), "empty parameter cells are absent: " + first.params());
        assertEquals(List.of(1, 2), jmh.threadCounts());
        assertEquals(List.of("memory", "postgres", "smallrye"), jmh.values(JmhResults.GUARDED, "implementation"));
        assertEquals(List.of("circuitBreaker", "retry", "both"), jmh.values(JmhResults.GUARDED, "policy"));
    }

    @Test
    void quotedAndUnquotedParametersAreTheSame() throws IOException {
        JmhResults jmh = sample();
        assertEquals(24.0, jmh.find(JmhResults.GUARDED, 1, "postgres", "circuitBreaker").orElseThrow().scoreNanos());
        assertEquals(40.0, jmh.find(JmhResults.GUARDED, 1, "postgres", "retry").orElseThrow().scoreNanos());
        assertEquals(31.0, jmh.find(JmhResults.REJECTED, 1, "postgres", null).orElseThrow().scoreNanos());
        assertTrue(jmh.find(JmhResults.GUARDED, 2, "smallrye", "retry").isEmpty());
    }

    @Test
    void convertsTimeUnitsToNanosecondsAndKeepsMissingErrorsAsNaN() throws IOException {
        JmhResults jmh = sample();
        JmhResults.Row micros = jmh.find(JmhResults.GUARDED, 1, "smallrye", "retry").orElseThrow();
        assertEquals(0.102, micros.score());
        assertEquals(102.0, micros.scoreNanos(), 1e-9);
        assertEquals(3.0, micros.errorNanos(), 1e-9);
        assertTrue(Double.isNaN(jmh.find(JmhResults.GUARDED, 1, "smallrye", "both").orElseThrow().error()));
        assertTrue(Double.isNaN(JmhResults.nanosPerUnit("ops/ms")));
    }

    @Test
    void splitsCsvWithQuotesCommasAndBlankLines() {
        List<List<String>> records = JmhResults.records("\"a\",\"b, c\",\"say \"\"hi\"\"\",4\r\n\n5,,\"\"\n");
        assertEquals(List.of(List.of("a", "b, c", "say \"hi\"", "4"), List.of("5", "", "")), records);
    }

    @Test
    void refusesAFileWithoutTheJmhColumns() {
        assertThrows(IllegalArgumentException.class, () -> JmhResults.parse("\"Name\",\"Value\"\n\"x\",1\n"));
    }

    @Test
    void noFileMeansNoRows() {
        assertTrue(JmhResults.read(java.nio.file.Path.of("does/not/exist.csv")).isEmpty());
        assertTrue(JmhResults.parse("").isEmpty());
    }

    @Test
    void keepsClassAndMethodOfTheBenchmarkName() {
        assertEquals("GuardedCallBenchmark.call", JmhResults.shortName("org.resilientcircuit.benchmarks.jmh.GuardedCallBenchmark.call"));
        assertEquals("Plain.call", JmhResults.shortName("Plain.call"));
    }
}
