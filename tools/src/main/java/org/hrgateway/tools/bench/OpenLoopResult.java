package org.hrgateway.tools.bench;

/**
 * What one scenario measured at one fixed arrival rate (open loop).
 *
 * @param rate            the rate as asked for (`300/s`, `80% of max`)
 * @param perSecond       that rate in requests per second
 * @param seconds         from the first request due to the last answer
 * @param cpuMsPerRequest CPU of the machine less the load client's, per request; null where unknown
 * @param sendLag         how late the client sent each request: counted in the latency, it is the
 *                        client's own delay (timer ticks, a starved or busy load client), not the server's
 */
record OpenLoopResult(
        String scenario,
        String rate,
        double perSecond,
        int requests,
        int errors,
        double seconds,
        LatencySummary latency,
        Double cpuMsPerRequest,
        LatencySummary sendLag) {

    /** Requests answered per second over the run; below `perSecond` when answers fell behind. */
    double answeredPerSecond() {
        return seconds > 0 ? requests / seconds : 0;
    }
}
