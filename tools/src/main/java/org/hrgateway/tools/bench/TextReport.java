package org.hrgateway.tools.bench;

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

    /** Open-loop results: the rate asked for, what was answered, and the latency users felt. */
    static void printOpenLoop(PrintStream out, List<OpenLoopResult> results) {
        if (results.isEmpty()) {
            return;
        }
        out.println();
        out.println("open loop: requests sent at a fixed rate, latency from the moment each was due");
        String row = "%-18s | %-12s | %9s | %10s | %8s | %8s | %8s | %8s | %6s | %8s | %11s%n";
        out.printf(row, "scenario", "rate", "sent/s", "answered/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "errors",
                "CPU ms", "lag p99 ms");
        out.printf(row, "-".repeat(18), "-".repeat(12), "-".repeat(9), "-".repeat(10), "-".repeat(8), "-".repeat(8),
                "-".repeat(8), "-".repeat(8), "-".repeat(6), "-".repeat(8), "-".repeat(11));
        for (OpenLoopResult result : results) {
            out.printf(row, result.scenario(), result.rate(), String.format("%.1f", result.perSecond()),
                    String.format("%.1f", result.answeredPerSecond()),
                    String.format("%.1f", result.latency().p50Ms()), String.format("%.1f", result.latency().p99Ms()),
                    String.format("%.1f", result.latency().p999Ms()), String.format("%.1f", result.latency().maxMs()),
                    result.errors(), result.cpuMsPerRequest() == null ? "-" : String.format("%.2f", result.cpuMsPerRequest()),
                    String.format("%.1f", result.sendLag().p99Ms()));
        }
    }

    /** The same scenarios measured twice, one row each: requests/s and p99 before and after. */
    static void printSideBySide(PrintStream out, String before, String after,
                                List<ScenarioResult> first, List<ScenarioResult> second) {
        out.println();
        out.println("before = " + before + "; after = " + after);
        String row = "%-18s | %11s | %12s | %12s | %13s | %13s%n";
        out.printf(row, "scenario", "concurrency", "req/s before", "req/s after", "p99 ms before", "p99 ms after");
        out.printf(row, "-".repeat(18), "-".repeat(11), "-".repeat(12), "-".repeat(12), "-".repeat(13), "-".repeat(13));
        for (ScenarioResult result : first) {
            ScenarioResult other = second.stream()
                    .filter(candidate -> candidate.scenario().equals(result.scenario())
                            && java.util.Objects.equals(candidate.concurrency(), result.concurrency()))
                    .findFirst().orElse(null);
            out.printf(row, result.scenario(), result.concurrency() == null ? "-" : result.concurrency(),
                    figure(result, ScenarioResult::requestsPerSecond), figure(other, ScenarioResult::requestsPerSecond),
                    figure(result, r -> r.latency().p99Ms()), figure(other, r -> r.latency().p99Ms()));
        }
    }

    private static String figure(ScenarioResult result, java.util.function.ToDoubleFunction<ScenarioResult> value) {
        return result == null || !result.measured() ? "failed" : String.format("%.1f", value.applyAsDouble(result));
    }
}
