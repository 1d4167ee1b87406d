package org.hrgateway.tools.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code bench}: loads a synthetic province into any FHIR R4 server and measures the searches
 * clinicians make, over plain HTTP and FHIR JSON, so that HR Gateway and another server can be
 * compared with the same command. See {@code bench/README.md}.
 *
 * <p>Exit status: 0 when every scenario was measured, 3 when some failed their check (results are
 * still written), 1 when loading failed or results could not be written, 2 for a bad command line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Loads a synthetic province into the FHIR R4 server at --base, then measures clinician searches.")
public final class BenchCommand implements Callable<Integer> {

    private static final DateTimeFormatter OUT_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "URL",
            description = "FHIR base, e.g. http://localhost:8080/fhir")
    String base;

    @Option(names = "--patients", paramLabel = "N", defaultValue = "2000",
            description = "patients to generate and load (default: ${DEFAULT-VALUE})")
    int patients;

    @Option(names = "--bundle-size", paramLabel = "R", defaultValue = "100",
            description = "resources per transaction Bundle; several patients' entries are merged into one (default: ${DEFAULT-VALUE})")
    int bundleSize;

    @Option(names = "--load-concurrency", paramLabel = "C", defaultValue = "4",
            description = "transactions posted in parallel while loading (default: ${DEFAULT-VALUE})")
    int loadConcurrency;

    @Option(names = "--concurrency", paramLabel = "N", split = ",", defaultValue = "1,16",
            description = "client threads for the query phase, one run per value (default: ${DEFAULT-VALUE})")
    List<Integer> concurrency;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "20",
            description = "duration of each scenario at each concurrency (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "10",
            description = "unmeasured run of each scenario before its measurements, at the highest concurrency,"
                    + " so the server's JIT is warm (default: ${DEFAULT-VALUE}; 0: none)")
    int warmupSeconds;

    @Option(names = "--max-requests", paramLabel = "M", defaultValue = "200000",
            description = "cap on requests of each scenario at each concurrency (default: ${DEFAULT-VALUE})")
    int maxRequests;

    @Option(names = "--seed", paramLabel = "X", defaultValue = "42",
            description = "seed of the generated data and of the query targets (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--skip-load", description = "do not load; find query targets with searches on the server")
    boolean skipLoad;

    @Option(names = "--profiled", description = "loaded resources claim the profiles the server's"
            + " CapabilityStatement lists as supportedProfile, so every write is validated")
    boolean profiled;

    @Option(names = "--recognize", description = "also measure HR Gateway's $recognize (POST Patient/[id]/$recognize"
            + " with up to three of the patient's LOINC codes) and its CDS Hooks order-sign service; not for other servers")
    boolean recognize;

    @Option(names = "--only", paramLabel = "SCENARIO", split = ",",
            description = "measure only these scenarios (${COMPLETION-CANDIDATES}); recognize and cds-hook imply --recognize",
            completionCandidates = ScenarioNames.class)
    List<String> only = List.of();

    @Option(names = "--then-run", paramLabel = "CMD", description = "after the queries, run the shell command CMD"
            + " (e.g. an ANALYZE through psql) and measure the same queries again; both sets are printed side by side")
    String thenRun;

    @Option(names = "--targets", paramLabel = "FILE", description = "after a load, write the query targets to FILE;"
            + " with --skip-load, aim at the targets read from FILE instead of the few a search finds")
    Path targets;

    @Option(names = "--rate", paramLabel = "RATE", split = ",", description = "also measure each scenario"
            + " open-loop at this fixed rate: requests/s (300), or N %% of its closed-loop maximum (80%%); prints p50, p99,"
            + " p99.9 and the CPU per request")
    List<String> rates = List.of();

    @Option(names = "--token", paramLabel = "TOKEN", description = "a bearer token every request carries"
            + " (a gateway with security on; e.g. from dev-token)")
    String token;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON results (default: bench/results/<timestamp>.json)")
    Path out;

    /** The scenario names `--only` takes. */
    static final class ScenarioNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return BenchOptions.SCENARIOS.iterator();
        }
    }

    @Override
    public Integer call() {
        OffsetDateTime date = OffsetDateTime.now();
        BenchOptions options = options(date.toLocalDateTime());
        try {
            return bench(options, date, System.out, System.err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("Interrupted");
            return 1;
        }
    }

    /**
     * The options as a run takes them, checked beyond their types; `now` names the default output
     * file. A value that cannot be run is a {@link ParameterException} naming its option.
     */
    BenchOptions options(LocalDateTime now) {
        return new BenchOptions(baseUrl(), positive("--patients", patients), positive("--bundle-size", bundleSize),
                positive("--load-concurrency", loadConcurrency), positives("--concurrency", concurrency),
                positive("--seconds", seconds), atLeastZero("--warmup", warmupSeconds),
                positive("--max-requests", maxRequests), seed, skipLoad, profiled,
                recognize || only.contains("recognize") || only.contains("cds-hook"), scenarios(), out != null ? out
                : Path.of("bench", "results", OUT_TIMESTAMP.format(now) + ".json"), thenRun, targets, rates(),
                token == null ? null : "Bearer " + token);
    }

    private URI baseUrl() {
        URI uri;
        try {
            uri = URI.create(base.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw invalid("--base is not a URL: " + base);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw invalid("--base must be an http or https URL, got " + base);
        }
        return uri;
    }

    private int positive(String option, int value) {
        if (value < 1) {
            throw invalid(option + " must be a positive whole number, got " + value);
        }
        return value;
    }

    private int atLeastZero(String option, int value) {
        if (value < 0) {
            throw invalid(option + " must be zero or a positive whole number, got " + value);
        }
        return value;
    }

    private List<Integer> positives(String option, List<Integer> values) {
        values.forEach(value -> positive(option, value));
        return values;
    }

    private List<String> scenarios() {
        for (String name : only) {
            if (!BenchOptions.SCENARIOS.contains(name)) {
                throw invalid("--only names an unknown scenario '" + name + "'; known: "
                        + String.join(", ", BenchOptions.SCENARIOS));
            }
        }
        return only;
    }

    private List<BenchOptions.Rate> rates() {
        List<BenchOptions.Rate> parsed = new ArrayList<>();
        for (String part : rates) {
            String text = part.trim();
            boolean percent = text.endsWith("%");
            double number;
            try {
                number = Double.parseDouble(percent ? text.substring(0, text.length() - 1) : text);
            } catch (NumberFormatException e) {
                throw invalid("--rate takes requests per second or N%, got " + part);
            }
            if (!(number > 0) || Double.isInfinite(number) || (percent && number > 1000)) {
                throw invalid("--rate must be positive, got " + part);
            }
            parsed.add(new BenchOptions.Rate(number, percent));
        }
        return parsed;
    }

    private ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static int bench(BenchOptions options, OffsetDateTime date, PrintStream out, PrintStream err)
            throws InterruptedException {
        FhirHttp http = new FhirHttp(options.base(), options.authorization());
        ServerInfo server = ServerInfo.fetch(http);
        out.println("Benchmarking " + options.base() + " (" + server.describe() + ")");

        IngestStats ingest = null;
        QueryTargets targets;
        if (options.skipLoad() && options.targets() != null) {
            try {
                targets = TargetsFile.read(options.targets());
            } catch (IOException e) {
                err.println("Could not read the targets in " + options.targets() + ": " + e.getMessage());
                return 1;
            }
        } else if (options.skipLoad()) {
            TargetDiscovery discovery = new TargetDiscovery(http);
            targets = discovery.discover();
            discovery.problems().forEach(problem -> out.println("  target search failed: " + problem));
        } else {
            try {
                LoadPhase.Result loaded = new LoadPhase(http, options, out).run();
                ingest = loaded.ingest();
                targets = loaded.targets();
                out.println(ingest.describe());
                if (options.targets() != null) {
                    TargetsFile.write(options.targets(), targets);
                    out.println("Query targets written to " + options.targets());
                }
            } catch (LoadPhase.LoadFailure e) {
                err.println(e.getMessage());
                return 1;
            } catch (IOException e) {
                err.println("Could not write the targets to " + options.targets() + ": " + e);
                return 1;
            }
        }
        out.println("Query targets: " + targets.summary());
        out.println("Queries: " + options.seconds() + " s per scenario at concurrency " + options.concurrency());

        Measured measured = measure(http, options, targets, date, out);
        List<ScenarioResult> results = measured.closed();
        TextReport.print(out, server, ingest, results);
        TextReport.printOpenLoop(out, measured.open());
        if (options.thenRun() != null) {
            out.println("Running: " + options.thenRun());
            int exit = runCommand(options.thenRun(), out);
            if (exit != 0) {
                err.println("--then-run command exited with " + exit);
                return 1;
            }
            Measured after = measure(http, options, targets, date, out);
            TextReport.printSideBySide(out, "as loaded", "after: " + options.thenRun(), results, after.closed());
            TextReport.printOpenLoop(out, after.open());
        }
        try {
            var json = JsonReport.toJson(date, options, server, ingest, results);
            JsonReport.addOpenLoop(json, measured.open());
            JsonReport.write(options.out(), json);
            out.println("Results written to " + options.out());
        } catch (IOException e) {
            err.println("Could not write " + options.out() + ": " + e);
            return 1;
        }
        return results.stream().allMatch(ScenarioResult::measured) ? 0 : 3;
    }

    /** Closed-loop results at each concurrency, and open-loop results at each `--rate`. */
    private record Measured(List<ScenarioResult> closed, List<OpenLoopResult> open) {
    }

    /** Connections the open loop may hold: requests beyond them wait in the client, their wait counted. */
    private static final int OPEN_LOOP_CONNECTIONS = 64;

    private static Measured measure(FhirHttp http, BenchOptions options, QueryTargets targets,
                                    OffsetDateTime date, PrintStream out) throws InterruptedException {
        int connections = options.concurrency().stream().mapToInt(Integer::intValue).max().orElse(1);
        if (!options.rates().isEmpty()) {
            connections = Math.max(connections, OPEN_LOOP_CONNECTIONS);
        }
        try (QueryDriver driver = new QueryDriver(options.base(), connections, options.authorization())) {
            QueryPhase phase = new QueryPhase(http, driver, options, out);
            List<ScenarioResult> closed = phase.run(Scenarios.all(targets, date.toLocalDate().minusYears(1), options.recognize())
                    .stream().filter(scenario -> options.measures(scenario.name())).toList());
            return new Measured(closed, options.rates().isEmpty() ? List.of() : phase.runOpenLoop(closed));
        }
    }

    private static int runCommand(String command, PrintStream out) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            out.print(new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            return process.waitFor();
        } catch (IOException e) {
            out.println("Could not run it: " + e);
            return 1;
        }
    }
}
