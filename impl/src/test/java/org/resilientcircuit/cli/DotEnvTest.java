package org.resilientcircuit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {

    @Test
    void readsKeyValueLinesSkippingCommentsAndBlankLines() {
        Map<String, String> variables = DotEnv.parse(List.of(
                "\uFEFF# settings",
                "",
                "   ",
                "RC_DB_HOST=localhost",
                "  # indented comment",
                "RC_DB_PORT = 5433 ",
                "export RC_DB_NAME=circuits",
                "not a variable line",
                "=no key"));

        assertEquals(Map.of("RC_DB_HOST", "localhost", "RC_DB_PORT", "5433", "RC_DB_NAME", "circuits"), variables);
    }

    @Test
    void valuesMayBeQuoted() {
        Map<String, String> variables = DotEnv.parse(List.of(
                "DOUBLE=\"two words # not a comment\" # a comment",
                "SINGLE='it''s literal \\n'",
                "ESCAPES=\"a\\\"b\\\\c\\nd\"",
                "EMPTY=",
                "EMPTY_QUOTED=\"\"",
                "UNQUOTED=pa#ss # comment",
                "SPACES=  padded value  "));

        assertEquals("two words # not a comment", variables.get("DOUBLE"));
        assertEquals("it", variables.get("SINGLE"));
        assertEquals("a\"b\\c\nd", variables.get("ESCAPES"));
        assertEquals("", variables.get("EMPTY"));
        assertEquals("", variables.get("EMPTY_QUOTED"));
        assertEquals("pa#ss", variables.get("UNQUOTED"));
        assertEquals("padded value", variables.get("SPACES"));
    }

    @Test
    void singleQuotesKeepBackslashes() {
        assertEquals("C:\\pg\\n", DotEnv.parse(List.of("P='C:\\pg\\n'")).get("P"));
    }

    @Test
    void aLaterLineWins() {
        assertEquals("b", DotEnv.parse(List.of("K=a", "K=b")).get("K"));
    }

    @Test
    void aMissingFileHasNoVariables(@TempDir Path dir) {
        assertEquals(Map.of(), DotEnv.read(dir.resolve(".env")));
    }
}
