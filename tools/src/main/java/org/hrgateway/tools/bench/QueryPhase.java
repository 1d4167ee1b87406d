package org.hrgateway.tools.bench;

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
 * back to back for the configured seconds, or until the run's request cap is reached; then, with
 * `--rate`, at fixed arrival rates (open loop).
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

    private final List<Scenario> measured = new ArrayList<>();

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
                measured.add(scenario);
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

    /**
     * Measures each scenario that passed its check at each of `--rate`'s arrival rates (open loop),
     * after {@link #run}: a percentage is of the scenario's best closed-loop rate in `closed`.
     */
    List<OpenLoopResult> runOpenLoop(List<ScenarioResult> closed) throws InterruptedException {
        List<OpenLoopResult> results = new ArrayList<>();
        for (Scenario scenario : measured) {
            double maximum = closed.stream().filter(r -> r.measured() && r.scenario().equals(scenario.name()))
                    .mapToDouble(ScenarioResult::requestsPerSecond).max().orElse(0);
            for (BenchOptions.Rate rate : options.rates()) {
                double perSecond = rate.perSecond(maximum);
                if (perSecond <= 0) {
                    continue;
                }
                Optional<CpuMeter.Reading> before = CpuMeter.read();
                long start = System.nanoTime();
                long seed = options.seed() * 1_000_003L + measured.indexOf(scenario) * 10_007L + Math.round(perSecond);
                QueryDriver.Tally tally = driver.runOpenLoop(scenario, perSecond, TimeUnit.SECONDS.toNanos(options.seconds()), seed);
                double elapsed = (System.nanoTime() - start) / 1e9;
                Optional<CpuMeter.Reading> after = CpuMeter.read();
                Double cpu = before.isPresent() && after.isPresent()
                        ? after.get().msPerRequest(before.get(), tally.requests) : null;
                OpenLoopResult result = new OpenLoopResult(scenario.name(), rate.toString(), perSecond, tally.requests,
                        tally.errors, elapsed, tally.latencies.summary(), cpu, tally.sendLag.summary());
                out.printf("  %-18s open loop %7.1f/s (%s): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, %d errors%s,"
                                + " client send lag p99 %.1f ms%n",
                        scenario.name(), perSecond, rate, result.latency().p50Ms(), result.latency().p99Ms(),
                        result.latency().p999Ms(), result.latency().maxMs(), result.errors(),
                        cpu == null ? "" : String.format(", CPU %.2f ms/request", cpu), result.sendLag().p99Ms());
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
