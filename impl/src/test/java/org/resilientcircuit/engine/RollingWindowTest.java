package org.resilientcircuit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ring agrees, outcome by outcome, with a plain list of the last N outcomes and exact decimal arithmetic. */
class RollingWindowTest {

    /** The obvious implementation: keep the last {@code size} outcomes, compare failures/size with the ratio exactly. */
    private static final class Reference {
        private final int size;
        private final BigDecimal threshold;
        private final Deque<Boolean> last = new ArrayDeque<>();

        Reference(int size, double ratio) {
            this.size = size;
            // BigDecimal.valueOf uses the double's shortest decimal spelling: 0.3 is exactly 3/10 here.
            this.threshold = BigDecimal.valueOf(ratio).multiply(BigDecimal.valueOf(size));
        }

        boolean record(boolean failure) {
            last.addLast(failure);
            if (last.size() > size) {
                last.removeFirst();
            }
            return last.size() == size && BigDecimal.valueOf(failures()).compareTo(threshold) >= 0;
        }

        int failures() {
            return (int) last.stream().filter(f -> f).count();
        }
    }

    @ParameterizedTest(name = "size {0}, ratio {1}")
    @CsvSource({
        "1, 0.0", "1, 0.5", "1, 1.0",
        "2, 0.5", "3, 0.34", "3, 0.67",
        "4, 0.75", "5, 0.2", "7, 0.1",
        "10, 0.0", "10, 0.3", "10, 0.7", "10, 0.9", "10, 1.0",
        "20, 0.55", "100, 0.01", "100, 0.29", "100, 0.5", "100, 1.0"
    })
    void agreesWithReferenceOnRandomSequences(int size, double ratio) {
        Random random = new Random(31L * size + Double.hashCode(ratio));
        for (int sequence = 0; sequence < 50; sequence++) {
            RollingWindow window = new RollingWindow(size, ratio);
            Reference reference = new Reference(size, ratio);
            double failureProbability = random.nextDouble();
            int length = random.nextInt(4 * size + 10);
            for (int i = 0; i < length; i++) {
                boolean failure = random.nextDouble() < failureProbability;
                String at = "sequence " + sequence + ", outcome " + i;
                assertEquals(reference.record(failure), window.record(failure), at);
                assertEquals(reference.failures(), window.failureCount(), at);
                assertEquals(Math.min(i + 1, size), window.recorded(), at);
            }
        }
    }

    @Test
    void threeFailuresOfTenTripAtRatioPointThree() {
        // 0.3 * 10 == 3.0000000000000004 in doubles; a plain ceil would demand 4 failures.
        RollingWindow window = new RollingWindow(10, 0.3);
        for (int i = 0; i < 7; i++) {
            assertFalse(window.record(false));
        }
        assertFalse(window.record(true));
        assertFalse(window.record(true));
        assertTrue(window.record(true));
        assertEquals(3, window.failureCount());
    }

    @Test
    void ratioOneNeedsEveryOutcomeToFail() {
        RollingWindow window = new RollingWindow(5, 1.0);
        window.record(false);
        for (int i = 0; i < 4; i++) {
            assertFalse(window.record(true), "failure " + (i + 1) + " with the success still in the window");
        }
        assertTrue(window.record(true), "the success has left the window");
    }

    @Test
    void ratioZeroTripsAsSoonAsTheWindowIsFull() {
        RollingWindow window = new RollingWindow(3, 0.0);
        assertFalse(window.record(false));
        assertFalse(window.record(false));
        assertTrue(window.record(false));
        assertEquals(0, window.failureCount());
    }
}
