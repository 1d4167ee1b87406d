package org.hrgateway.tools.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LatencySummaryTest {

    @Test
    void givenOneToHundred_whenPercentile_thenNearestRank() {
        long[] sorted = LongStream.rangeClosed(1, 100).toArray();

        assertEquals(50, LatencySummary.percentile(sorted, 50));
        assertEquals(99, LatencySummary.percentile(sorted, 99));
        assertEquals(100, LatencySummary.percentile(sorted, 100));
        assertEquals(1, LatencySummary.percentile(sorted, 0.5));
        assertEquals(57, LatencySummary.percentile(sorted, 57));
        long[] thousand = new long[1000];
        for (int i = 0; i < thousand.length; i++) {
            thousand[i] = i + 1;
        }
        assertEquals(999, LatencySummary.percentile(thousand, 99.9));
        assertEquals(990, LatencySummary.percentile(thousand, 99));
    }

    @Test
    void givenOddCount_whenMedian_thenTheMiddleSample() {
        assertEquals(3, LatencySummary.percentile(new long[]{1, 2, 3, 4, 5}, 50));
        // Nearest rank rounds up: with 4 samples the median is the 2nd, p99 the 4th.
        assertEquals(2, LatencySummary.percentile(new long[]{1, 2, 3, 4}, 50));
        assertEquals(4, LatencySummary.percentile(new long[]{1, 2, 3, 4}, 99));
    }

    @Test
    void givenOneSample_whenPercentile_thenThatSample() {
        assertEquals(7, LatencySummary.percentile(new long[]{7}, 50));
        assertEquals(7, LatencySummary.percentile(new long[]{7}, 99));
    }

    @Test
    void givenUnsortedNanos_whenSummarised_thenMillisecondsOfSortedSamples() {
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            // 200 ms down to 1 ms: the summary must sort.
            nanos[i] = (200 - i) * 1_000_000L;
        }

        LatencySummary summary = LatencySummary.of(nanos);

        assertEquals(200, summary.count());
        assertEquals(100.0, summary.p50Ms());
        assertEquals(198.0, summary.p99Ms());
        assertEquals(200.0, summary.p999Ms());
        assertEquals(200.0, summary.maxMs());
        assertEquals(200_000_000L, nanos[0], "input left unchanged");
    }

    @Test
    void givenRecorderGrowingPastItsArray_whenSummarised_thenEverySampleCounted() {
        LatencyRecorder first = new LatencyRecorder();
        LatencyRecorder second = new LatencyRecorder();
        for (int i = 1; i <= 3000; i++) {
            (i % 2 == 0 ? first : second).record(i * 1_000_000L);
        }
        first.addAll(second);

        LatencySummary summary = first.summary();

        assertEquals(3000, summary.count());
        assertEquals(1500.0, summary.p50Ms());
        assertEquals(2970.0, summary.p99Ms());
        assertEquals(3000.0, summary.maxMs());
    }

    @Test
    void givenNoSamples_whenSummarised_thenZeros() {
        assertEquals(new LatencySummary(0, 0, 0, 0, 0), LatencySummary.of(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> LatencySummary.percentile(new long[0], 50));
        assertThrows(IllegalArgumentException.class, () -> LatencySummary.percentile(new long[]{1}, 0));
    }
}
