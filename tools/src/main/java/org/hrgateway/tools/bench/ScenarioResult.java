package org.hrgateway.tools.bench;

/**
 * What one scenario measured at one concurrency, or why it was not measured.
 *
 * @param concurrency null for a scenario that failed its check, which is not run at any concurrency
 * @param failure     null when measured; otherwise why the server's answer was judged wrong
 * @param errors      requests answered with a status other than 200, or not answered at all
 */
record ScenarioResult(
        String scenario,
        Integer concurrency,
        String failure,
        int requests,
        int errors,
        long bodyBytes,
        double seconds,
        LatencySummary latency) {

    static ScenarioResult failed(String scenario, String reason) {
        return new ScenarioResult(scenario, null, reason, 0, 0, 0, 0, LatencySummary.of(new long[0]));
    }

    boolean measured() {
        return failure == null;
    }

    /** Mean size of the answers' bodies: tells a page of results from an empty or error answer. */
    long meanBodyBytes() {
        return requests > 0 ? bodyBytes / requests : 0;
    }

    double requestsPerSecond() {
        return seconds > 0 ? requests / seconds : 0;
    }
}
