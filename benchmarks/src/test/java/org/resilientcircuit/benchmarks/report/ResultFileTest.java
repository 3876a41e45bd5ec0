package org.resilientcircuit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFileTest {

    @Test
    void writesAndReadsBack(@TempDir Path dir) {
        Path file = dir.resolve("x/r.properties");
        new ResultFile().put("a", 1.5).put("b", "two words").put("c", 0.1 + 0.2).put("d", 3L).put("e", "line\nbreak")
                .write(file, "comment\nsecond line");
        ResultFile read = ResultFile.read(file);
        assertEquals("1.5", read.get("a"));
        assertEquals("two words", read.get("b"));
        assertEquals("0.3", read.get("c"));
        assertEquals(3.0, read.number("d").getAsDouble());
        assertEquals("line break", read.get("e"));
        assertTrue(read.number("b").isEmpty());
        assertTrue(read.number("missing").isEmpty());
        assertNull(ResultFile.read(dir.resolve("none")));
    }
}
