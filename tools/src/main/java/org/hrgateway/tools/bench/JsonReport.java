package org.hrgateway.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The results as a JSON file, with everything needed to tell two runs apart: when, against which
 * base URL and server, with which options.
 */
final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** Adds the open-loop results to `root`, one object per scenario and rate. */
    static void addOpenLoop(ObjectNode root, List<OpenLoopResult> results) {
        ArrayNode rows = root.putArray("openLoop");
        for (OpenLoopResult result : results) {
            ObjectNode row = rows.addObject();
            row.put("scenario", result.scenario());
            row.put("rate", result.rate());
            row.put("requestsPerSecond", round(result.perSecond()));
            row.put("requests", result.requests());
            row.put("errors", result.errors());
            row.put("seconds", round(result.seconds()));
            row.put("p50Ms", round(result.latency().p50Ms()));
            row.put("p99Ms", round(result.latency().p99Ms()));
            row.put("p999Ms", round(result.latency().p999Ms()));
            row.put("maxMs", round(result.latency().maxMs()));
            row.put("sendLagP99Ms", round(result.sendLag().p99Ms()));
            if (result.cpuMsPerRequest() != null) {
                row.put("cpuMsPerRequest", round(result.cpuMsPerRequest()));
            }
        }
    }

    static ObjectNode toJson(OffsetDateTime date, BenchOptions options, ServerInfo server, IngestStats ingest,
                             List<ScenarioResult> results) {
        ObjectNode root = JSON.createObjectNode();
        root.put("date", date.toString());
        root.put("base", options.base().toString());
        ObjectNode software = root.putObject("server");
        software.put("software", server.software());
        software.put("version", server.version());
        software.put("fhirVersion", server.fhirVersion());

        ObjectNode settings = root.putObject("options");
        settings.put("patients", options.patients());
        settings.put("bundleSize", options.bundleSize());
        settings.put("loadConcurrency", options.loadConcurrency());
        ArrayNode levels = settings.putArray("concurrency");
        options.concurrency().forEach(levels::add);
        settings.put("seconds", options.seconds());
        settings.put("warmupSeconds", options.warmupSeconds());
        settings.put("maxRequests", options.maxRequests());
        settings.put("seed", options.seed());
        settings.put("skipLoad", options.skipLoad());
        settings.put("profiled", options.profiled());
        options.only().forEach(settings.putArray("only")::add);
        options.rates().forEach(rate -> settings.withArray("rates").add(rate.toString()));

        if (ingest == null) {
            root.putNull("ingest");
        } else {
            ObjectNode load = root.putObject("ingest");
            load.put("patients", ingest.patients());
            load.put("transactions", ingest.bundles());
            load.put("resources", ingest.resources());
            load.put("seconds", round(ingest.seconds()));
            load.put("resourcesPerSecond", round(ingest.resourcesPerSecond()));
            load.put("transactionP50Ms", round(ingest.bundleLatency().p50Ms()));
            load.put("transactionP99Ms", round(ingest.bundleLatency().p99Ms()));
            load.put("transactionMaxMs", round(ingest.bundleLatency().maxMs()));
        }

        ArrayNode scenarios = root.putArray("scenarios");
        for (ScenarioResult result : results) {
            ObjectNode row = scenarios.addObject();
            row.put("scenario", result.scenario());
            if (!result.measured()) {
                row.put("status", "FAILED");
                row.put("reason", result.failure());
                continue;
            }
            row.put("status", "OK");
            row.put("concurrency", result.concurrency());
            row.put("requests", result.requests());
            row.put("errors", result.errors());
            row.put("meanBodyBytes", result.meanBodyBytes());
            row.put("seconds", round(result.seconds()));
            row.put("requestsPerSecond", round(result.requestsPerSecond()));
            row.put("p50Ms", round(result.latency().p50Ms()));
            row.put("p99Ms", round(result.latency().p99Ms()));
            row.put("p999Ms", round(result.latency().p999Ms()));
            row.put("maxMs", round(result.latency().maxMs()));
        }
        return root;
    }

    /** Writes {@code json} to {@code file}, creating its folder. */
    static void write(Path file, ObjectNode json) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), json);
    }

    /** Microseconds are below what these measurements can tell apart. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
