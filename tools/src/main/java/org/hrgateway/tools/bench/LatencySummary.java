package org.hrgateway.tools.bench;

import java.util.Arrays;

/** Count, median, 99th and 99.9th percentiles and maximum of a set of latencies, in milliseconds. */
record LatencySummary(int count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {

    private static final double NANOS_PER_MILLI = 1e6;

    /** Summarises {@code nanos} (left unchanged); all zero for no samples. */
    static LatencySummary of(long[] nanos) {
        if (nanos.length == 0) {
            return new LatencySummary(0, 0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length,
                percentile(sorted, 50) / NANOS_PER_MILLI,
                percentile(sorted, 99) / NANOS_PER_MILLI,
                percentile(sorted, 99.9) / NANOS_PER_MILLI,
                sorted[sorted.length - 1] / NANOS_PER_MILLI);
    }

    /**
     * The nearest-rank percentile: the smallest sample that at least {@code percent}% of the samples
     * are less than or equal to. Always a measured value, never an interpolation between two.
     *
     * @param sorted  samples in ascending order, at least one
     * @param percent in (0, 100]
     */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("No samples");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("Percentile must be in (0, 100]: " + percent);
        }
        // Multiplying first keeps whole ranks exact: 57 * 100 / 100 is 57.0, 0.57 * 100 is 56.99999999999999.
        int rank = (int) Math.ceil(percent * sorted.length / 100);
        return sorted[Math.max(rank, 1) - 1];
    }
}
