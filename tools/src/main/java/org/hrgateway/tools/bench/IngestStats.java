package org.hrgateway.tools.bench;

/**
 * How fast the server took in the patient transactions: resources per second of wall-clock time with
 * all loading workers busy, and the latency of one transaction. The few Organization transactions
 * sent before are not counted.
 */
record IngestStats(int patients, int bundles, long resources, int bundleSize, int workers, double seconds,
                   LatencySummary bundleLatency) {

    double resourcesPerSecond() {
        return seconds > 0 ? resources / seconds : 0;
    }

    String describe() {
        return String.format("ingest: %,d resources (%,d patients) in %,d transactions of ~%d resources, "
                        + "%d workers, %.1f s: %,.0f resources/s; transaction p50 %.0f ms, p99 %.0f ms",
                resources, patients, bundles, bundleSize, workers, seconds, resourcesPerSecond(),
                bundleLatency.p50Ms(), bundleLatency.p99Ms());
    }
}
