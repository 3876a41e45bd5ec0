package org.resilientcircuit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The durations of {@code open --for}. */
class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "30s, PT30S",
        "5m, PT5M",
        "1h, PT1H",
        "2d, PT48H",
        "1500ms, PT1.5S",
        "1h30m, PT1H30M",
        "1m30s, PT1M30S",
        "5M, PT5M",
        "PT30S, PT30S",
        "pt30s, PT30S",
        "P1D, PT24H",
        "PT1H30M, PT1H30M",
        "' 45s ', PT45S",
        "365d, PT8760H",
    })
    void readsShortAndIsoDurations(String text, String expected) {
        assertEquals(Duration.parse(expected), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5x", "m", "5 m", "five minutes", "1.5h", "P", "PT", "PTxS", "5m-", "s5"})
    void refusesWhatIsNoDurationNamingIt(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(error.getMessage().startsWith("'" + text + "' is not a duration"), error.getMessage());
        assertTrue(error.getMessage().contains("30s, 5m, 1h"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0ms", "PT0S", "-5m", "PT-30S", "-PT30S"})
    void refusesZeroAndNegative(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("duration '" + text + "' must be positive", error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"366d", "P400D", "999999999999d"})
    void refusesMoreThanAYear(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(error.getMessage().startsWith("duration '" + text + "' is longer than 365d"), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"PT1M, 1m", "PT1H30M, 1h30m", "PT1.5S, 1s500ms", "PT48H, 2d", "PT0S, 0s", "PT5M3S, 5m3s"})
    void formatsCompactly(String duration, String expected) {
        assertEquals(expected, Durations.format(Duration.parse(duration)));
    }
}
