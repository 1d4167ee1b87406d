package org.hrgateway.bench;

import java.io.IOException;
import java.io.PrintStream;
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
public final class BenchCommand {

    private BenchCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        OffsetDateTime date = OffsetDateTime.now();
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, date.toLocalDateTime());
        } catch (BenchOptions.HelpRequested e) {
            out.print(BenchOptions.USAGE);
            return 0;
        } catch (BenchOptions.UsageException e) {
            err.println(e.getMessage());
            err.print(BenchOptions.USAGE);
            return 2;
        }
        try {
            return bench(options, date, out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted");
            return 1;
        }
    }

    private static int bench(BenchOptions options, OffsetDateTime date, PrintStream out, PrintStream err)
            throws InterruptedException {
        FhirHttp http = new FhirHttp(options.base());
        ServerInfo server = ServerInfo.fetch(http);
        out.println("Benchmarking " + options.base() + " (" + server.describe() + ")");

        IngestStats ingest = null;
        QueryTargets targets;
        if (options.skipLoad()) {
            TargetDiscovery discovery = new TargetDiscovery(http);
            targets = discovery.discover();
            discovery.problems().forEach(problem -> out.println("  target search failed: " + problem));
        } else {
            try {
                LoadPhase.Result loaded = new LoadPhase(http, options, out).run();
                ingest = loaded.ingest();
                targets = loaded.targets();
                out.println(ingest.describe());
            } catch (LoadPhase.LoadFailure e) {
                err.println(e.getMessage());
                return 1;
            }
        }
        out.println("Query targets: " + targets.summary());
        out.println("Queries: " + options.seconds() + " s per scenario at concurrency " + options.concurrency());

        List<ScenarioResult> results = measure(http, options, targets, date, out);
        TextReport.print(out, server, ingest, results);
        if (options.thenRun() != null) {
            out.println("Running: " + options.thenRun());
            int exit = runCommand(options.thenRun(), out);
            if (exit != 0) {
                err.println("--then-run command exited with " + exit);
                return 1;
            }
            List<ScenarioResult> after = measure(http, options, targets, date, out);
            TextReport.printSideBySide(out, "as loaded", "after: " + options.thenRun(), results, after);
        }
        try {
            JsonReport.write(options.out(), JsonReport.toJson(date, options, server, ingest, results));
            out.println("Results written to " + options.out());
        } catch (IOException e) {
            err.println("Could not write " + options.out() + ": " + e);
            return 1;
        }
        return results.stream().allMatch(ScenarioResult::measured) ? 0 : 3;
    }

    private static List<ScenarioResult> measure(FhirHttp http, BenchOptions options, QueryTargets targets,
                                                OffsetDateTime date, PrintStream out) throws InterruptedException {
        int connections = options.concurrency().stream().mapToInt(Integer::intValue).max().orElse(1);
        try (QueryDriver driver = new QueryDriver(options.base(), connections)) {
            return new QueryPhase(http, driver, options, out)
                    .run(Scenarios.all(targets, date.toLocalDate().minusYears(1), options.recognize()).stream()
                            .filter(scenario -> options.measures(scenario.name())).toList());
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
