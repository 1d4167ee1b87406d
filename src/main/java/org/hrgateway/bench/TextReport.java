package org.hrgateway.bench;

import java.io.PrintStream;
import java.util.List;

/** The results as a plain-text table on the console, with the ingest line above it. */
final class TextReport {

    private static final String ROW = "%-18s | %11s | %9s | %8s | %8s | %6s%n";

    private TextReport() {
    }

    static void print(PrintStream out, ServerInfo server, IngestStats ingest, List<ScenarioResult> results) {
        out.println();
        out.println("Server: " + server.describe());
        out.println(ingest == null ? "ingest: not measured (--skip-load)" : ingest.describe());
        out.printf(ROW, "scenario", "concurrency", "req/s", "p50 ms", "p99 ms", "errors");
        out.printf(ROW, "-".repeat(18), "-".repeat(11), "-".repeat(9), "-".repeat(8), "-".repeat(8), "-".repeat(6));
        for (ScenarioResult result : results) {
            if (result.measured()) {
                out.printf(ROW, result.scenario(), result.concurrency(),
                        String.format("%.1f", result.requestsPerSecond()),
                        String.format("%.1f", result.latency().p50Ms()),
                        String.format("%.1f", result.latency().p99Ms()),
                        result.errors());
            } else {
                out.printf("%-18s | %11s | FAILED: %s%n", result.scenario(), "-", result.failure());
            }
        }
    }
}
