package org.hrgateway.tools.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The open loop charges a stall to every request due during it, as users feel it. A server that
 * answers at once except for one request held 400 ms, on one connection: a closed-loop client
 * records one slow request; at 100 requests/s the open loop records the ~40 requests due meanwhile
 * as late too.
 */
class QueryDriverTest {

    private static final long STALL_MS = 400;

    private Vertx vertx;
    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            int n = served.incrementAndGet();
            long delay = n == 20 ? STALL_MS : 0;
            Runnable answer = () -> request.response().putHeader("Content-Type", "application/fhir+json").end("{}");
            if (delay > 0) {
                vertx.setTimer(delay, ignored -> answer.run());
            } else {
                answer.run();
            }
        }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Scenario scenario() {
        return new Scenario("probe", random -> new Scenario.Probe("Patient/1", response -> Optional.empty()));
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/fhir");
    }

    @Test
    void givenOneStalledAnswer_whenOpenLoop_thenTheRequestsDueDuringTheStallAreLateToo() throws Exception {
        QueryDriver.Tally tally;
        try (QueryDriver driver = new QueryDriver(base(), 1)) {
            tally = driver.runOpenLoop(scenario(), 100, TimeUnit.SECONDS.toNanos(2), 1);
        }

        assertEquals(200, tally.requests);
        assertEquals(0, tally.errors);
        assertTrue(lateOver(tally, 100) >= 25, lateOver(tally, 100) + " requests over 100 ms");
        // The client itself kept time: the lateness is the server's.
        assertEquals(200, tally.sendLag.size());
        assertTrue(tally.sendLag.summary().p99Ms() < 50, "send lag p99 " + tally.sendLag.summary().p99Ms());
    }

    @Test
    void givenOneStalledAnswer_whenClosedLoop_thenOneSlowRequest() throws Exception {
        QueryDriver.Tally tally;
        try (QueryDriver driver = new QueryDriver(base(), 1)) {
            tally = driver.run(scenario(), 1, System.nanoTime() + TimeUnit.SECONDS.toNanos(10), 200, 1);
        }

        assertEquals(200, tally.requests);
        // The stalled request, and perhaps the first (a new connection, a cold client).
        assertTrue(lateOver(tally, 100) <= 2, lateOver(tally, 100) + " requests over 100 ms");
    }

    private static long lateOver(QueryDriver.Tally tally, long millis) {
        long[] nanos = tally.latencies.samples();
        return java.util.Arrays.stream(nanos).filter(n -> n > TimeUnit.MILLISECONDS.toNanos(millis)).count();
    }
}
