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

        int connections = options.concurrency().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<ScenarioResult> results;
        try (QueryDriver driver = new QueryDriver(options.base(), connections)) {
            results = new QueryPhase(http, driver, options, out)
                    .run(Scenarios.all(targets, date.toLocalDate().minusYears(1), options.recognize()).stream()
                            .filter(scenario -> options.measures(scenario.name())).toList());
        }
        TextReport.print(out, server, ingest, results);
        try {
            JsonReport.write(options.out(), JsonReport.toJson(date, options, server, ingest, results));
            out.println("Results written to " + options.out());
        } catch (IOException e) {
            err.println("Could not write " + options.out() + ": " + e);
            return 1;
        }
        return results.stream().allMatch(ScenarioResult::measured) ? 0 : 3;
    }
}
