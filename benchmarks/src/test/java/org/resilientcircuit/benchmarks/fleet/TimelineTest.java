package org.resilientcircuit.benchmarks.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void aLoserOpensOnItsOwnThenAdoptsTheWinnersRow() {
        // its own view was OPEN by itself first, then the winner's row replaced it
        FleetBench.Timeline t = FleetBench.Timeline.parse("c2",
                "100 150 FAILED 160,OPEN,5,c2;900,OPEN,5,c7".split(" "));
        assertTrue(t.proposed());
        assertEquals(160, t.firstOpen());
        assertEquals(900, t.convergedAt("OPEN,5,c7"));
        assertEquals(-1, t.convergedAt("OPEN,5,c2"));
        // a loser whose view was already replaced when it was first sampled still proposed
        assertTrue(FleetBench.Timeline.parse("c4", "100 150 FAILED 170,OPEN,5,c7".split(" ")).proposed());
    }

    @Test
    void aMemberThatHeardOfTheOpeningFirstProposesNothing() {
        FleetBench.Timeline t = FleetBench.Timeline.parse("c3", "100 150 REJECTED 160,OPEN,5,c7".split(" "));
        assertFalse(t.proposed());
        assertEquals(160, t.convergedAt("OPEN,5,c7"));
    }
}
