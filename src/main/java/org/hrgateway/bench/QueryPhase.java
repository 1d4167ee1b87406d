package org.hrgateway.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Checks each scenario once, warms each up unmeasured (a JVM server compiles its hot paths during
 * the first seconds of load, which would otherwise be counted), then measures the ones that passed
 * at each concurrency with {@link QueryDriver}: N simulated clients sending the scenario's requests
 * back to back for the configured seconds, or until the run's request cap is reached.
 */
final class QueryPhase {

    private final FhirHttp http;
    private final QueryDriver driver;
    private final BenchOptions options;
    private final PrintStream out;

    QueryPhase(FhirHttp http, QueryDriver driver, BenchOptions options, PrintStream out) {
        this.http = http;
        this.driver = driver;
        this.options = options;
        this.out = out;
    }

    /** Failed scenarios first, one row each; then one row per measured scenario and concurrency. */
    List<ScenarioResult> run(List<Scenario> scenarios) throws InterruptedException {
        List<ScenarioResult> results = new ArrayList<>();
        List<Scenario> passed = new ArrayList<>();
        Random random = new Random(options.seed());
        for (Scenario scenario : scenarios) {
            Optional<String> failure = check(scenario, random);
            if (failure.isPresent()) {
                out.println("  " + scenario.name() + ": FAILED, not measured: " + failure.get());
                results.add(ScenarioResult.failed(scenario.name(), failure.get()));
            } else {
                out.println("  " + scenario.name() + ": answer checked");
                passed.add(scenario);
            }
        }
        if (options.warmupSeconds() > 0 && !passed.isEmpty()) {
            int highest = options.concurrency().stream().mapToInt(Integer::intValue).max().orElse(1);
            out.println("  warming up: " + options.warmupSeconds() + " s per scenario at concurrency " + highest);
            for (Scenario scenario : passed) {
                measure(scenario, scenarios.indexOf(scenario), highest, options.warmupSeconds());
            }
        }
        for (int concurrency : options.concurrency()) {
            for (Scenario scenario : passed) {
                ScenarioResult result = measure(scenario, scenarios.indexOf(scenario), concurrency, options.seconds());
                out.printf("  %-18s concurrency %3d: %8.1f req/s, p50 %.1f ms, p99 %.1f ms, %d errors, answers %,d bytes%n",
                        scenario.name(), concurrency, result.requestsPerSecond(), result.latency().p50Ms(),
                        result.latency().p99Ms(), result.errors(), result.meanBodyBytes());
                results.add(result);
            }
        }
        return results;
    }

    private Optional<String> check(Scenario scenario, Random random) throws InterruptedException {
        Scenario.Probe probe;
        try {
            probe = scenario.next(random);
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
        try {
            FhirHttp.Response response = probe.body() == null ? http.get(probe.path()) : http.post(probe.path(), probe.body());
            return probe.check().apply(response)
                    .map(reason -> reason + " (" + probe.method() + " " + probe.path() + ")");
        } catch (IOException e) {
            return Optional.of(probe.method() + " " + probe.path() + " failed: " + e);
        }
    }

    private ScenarioResult measure(Scenario scenario, int scenarioIndex, int concurrency, int seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        // A stream of its own per scenario and level: reruns aim at the same targets.
        long seed = options.seed() * 1_000_003L + scenarioIndex * 10_007L + concurrency * 101L;
        QueryDriver.Tally tally = driver.run(scenario, concurrency, deadline, options.maxRequests(), seed);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new ScenarioResult(scenario.name(), concurrency, null, tally.requests, tally.errors, tally.bodyBytes, elapsed,
                tally.latencies.summary());
    }
}
