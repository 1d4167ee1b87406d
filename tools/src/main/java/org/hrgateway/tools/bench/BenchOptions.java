package org.hrgateway.tools.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@code bench} run does, as read from its command line ({@link BenchCommand}): where the FHIR
 * server is, how much to load and how hard to query it.
 */
record BenchOptions(
        URI base,
        int patients,
        int bundleSize,
        int loadConcurrency,
        List<Integer> concurrency,
        int seconds,
        int warmupSeconds,
        int maxRequests,
        long seed,
        boolean skipLoad,
        boolean profiled,
        boolean recognize,
        List<String> only,
        Path out,
        String thenRun,
        Path targets,
        List<Rate> rates,
        String authorization) {

    /** The scenarios' names, as {@link Scenarios} builds them. */
    static final List<String> SCENARIOS = List.of("patient-code-date", "report-include", "chained-resident", "read",
            "recognize", "cds-hook");
    BenchOptions {
        concurrency = List.copyOf(concurrency);
        only = List.copyOf(only);
        rates = List.copyOf(rates);
    }

    /** An open-loop arrival rate: requests per second, or a percentage of the scenario's closed-loop maximum. */
    record Rate(double value, boolean percentOfMax) {

        /** The rate in requests per second, given the scenario's closed-loop maximum. */
        double perSecond(double maximum) {
            return percentOfMax ? maximum * value / 100 : value;
        }

        @Override
        public String toString() {
            return percentOfMax ? String.format("%.0f%% of max", value) : String.format("%.0f/s", value);
        }
    }

    /** Whether the scenario named so is measured. */
    boolean measures(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }
}
