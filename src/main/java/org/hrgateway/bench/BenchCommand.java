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
        try (QueryDriver driver = new QueryDriver(options.base(), connections)) {
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
