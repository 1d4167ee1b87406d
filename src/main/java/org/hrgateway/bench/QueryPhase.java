package org.hrgateway.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks each scenario once, then measures the ones that passed at each concurrency: a fixed pool
 * of N threads, each sending the scenario's requests back to back for the configured seconds, or
 * until the run's request cap is reached, whichever comes first.
 */
final class QueryPhase {

    private final FhirHttp http;
    private final BenchOptions options;
    private final PrintStream out;

    QueryPhase(FhirHttp http, BenchOptions options, PrintStream out) {
        this.http = http;
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
        for (int concurrency : options.concurrency()) {
            for (Scenario scenario : passed) {
                ScenarioResult result = measure(scenario, scenarios.indexOf(scenario), concurrency);
                out.printf("  %-18s concurrency %3d: %8.1f req/s, p50 %.1f ms, p99 %.1f ms, %d errors%n",
                        scenario.name(), concurrency, result.requestsPerSecond(), result.latency().p50Ms(),
                        result.latency().p99Ms(), result.errors());
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
            return probe.check().apply(http.get(probe.path()))
                    .map(reason -> reason + " (GET " + probe.path() + ")");
        } catch (IOException e) {
            return Optional.of("GET " + probe.path() + " failed: " + e);
        }
    }

    private ScenarioResult measure(Scenario scenario, int scenarioIndex, int concurrency) throws InterruptedException {
        AtomicInteger issued = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "bench-" + scenario.name());
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(options.seconds());
        List<Future<Tally>> tallies = new ArrayList<>();
        for (int worker = 0; worker < concurrency; worker++) {
            // A stream of its own per thread, scenario and level: reruns aim at the same targets.
            Random random = new Random(options.seed() * 1_000_003L + scenarioIndex * 10_007L + concurrency * 101L + worker);
            tallies.add(pool.submit(() -> loop(scenario, random, deadline, issued)));
        }
        pool.shutdown();
        Tally total = new Tally();
        try {
            for (Future<Tally> tally : tallies) {
                total.add(tally.get());
            }
        } catch (ExecutionException e) {
            pool.shutdownNow();
            throw new IllegalStateException("A " + scenario.name() + " thread failed", e.getCause());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ScenarioResult(scenario.name(), concurrency, null, total.requests, total.errors, seconds,
                total.latencies.summary());
    }

    private Tally loop(Scenario scenario, Random random, long deadline, AtomicInteger issued) {
        Tally tally = new Tally();
        while (System.nanoTime() < deadline && issued.incrementAndGet() <= options.maxRequests()) {
            Scenario.Probe probe = scenario.next(random);
            long sent = System.nanoTime();
            tally.requests++;
            try {
                int status = http.getStatus(probe.path());
                tally.latencies.record(System.nanoTime() - sent);
                if (status != 200) {
                    tally.errors++;
                }
            } catch (IOException e) {
                tally.errors++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return tally;
    }

    /** One thread's counts; merged once the threads are done. */
    private static final class Tally {
        private int requests;
        private int errors;
        private final LatencyRecorder latencies = new LatencyRecorder();

        private void add(Tally other) {
            requests += other.requests;
            errors += other.errors;
            latencies.addAll(other.latencies);
        }
    }
}
