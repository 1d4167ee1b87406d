package org.hrgateway.tools.bench;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds, one per request, in a growable primitive array. Each thread keeps
 * its own recorder, so recording needs no lock; recorders are merged after the threads have stopped.
 */
final class LatencyRecorder {

    private long[] samples = new long[1024];
    private int size;

    void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[size++] = nanos;
    }

    int size() {
        return size;
    }

    void addAll(LatencyRecorder other) {
        for (int i = 0; i < other.size; i++) {
            record(other.samples[i]);
        }
    }

    /** A copy of the samples, in the order recorded. */
    long[] samples() {
        return Arrays.copyOf(samples, size);
    }

    LatencySummary summary() {
        return LatencySummary.of(Arrays.copyOf(samples, size));
    }
}
