package org.hrgateway.tools.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends the measured requests: N simulated clients on one Vert.x event loop, each sending its next
 * request as soon as the previous answer has been read (a closed loop, like N users clicking as
 * fast as the server answers). One thread and kept-alive connections keep the load generator's own
 * CPU small, since it shares the machine with the server it measures.
 */
final class QueryDriver implements AutoCloseable {

    private static final long QUERY_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(30);

    private final Vertx vertx;
    private final HttpClient client;
    private final URI base;
    private final String authorization;

    QueryDriver(URI base, int maxConnections) {
        this(base, maxConnections, null);
    }

    /** `authorization`: the Authorization header every request carries, or null. */
    QueryDriver(URI base, int maxConnections, String authorization) {
        this.base = base;
        this.authorization = authorization;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        boolean tls = "https".equals(base.getScheme());
        // An unbounded wait queue: in an open loop, requests beyond the connections wait their turn.
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setSsl(tls).setTrustAll(false).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(-1));
    }

    /** The outcome of one run: requests sent, non-200 answers or failures, and latencies. */
    static final class Tally {
        int requests;
        int errors;
        long bodyBytes;
        final LatencyRecorder latencies = new LatencyRecorder();
        /** Open loop only: how late each request left the client (a busy or starved client is late too). */
        final LatencyRecorder sendLag = new LatencyRecorder();
    }

    /**
     * Runs `scenario` with `concurrency` simulated clients until `deadlineNanos` or until
     * `maxRequests` have been sent; `seed` gives each client its own stream of targets.
     */
    Tally run(Scenario scenario, int concurrency, long deadlineNanos, int maxRequests, long seed)
            throws InterruptedException {
        Tally tally = new Tally();
        CompletableFuture<Tally> done = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            int[] running = {concurrency};
            for (int n = 0; n < concurrency; n++) {
                Random random = new Random(seed + n);
                next(scenario, random, tally, deadlineNanos, maxRequests, () -> {
                    if (--running[0] == 0) {
                        done.complete(tally);
                    }
                });
            }
        });
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(scenario.name() + " failed", e.getCause());
        }
    }

    /**
     * Sends `scenario`'s requests at a fixed rate for `durationNanos` (open loop), whatever the
     * answers: request n is due at start + n / rate, and its latency is counted from that moment, not
     * from when it could be sent. A server that stalls for a second is charged a second for every
     * request due during the stall, as the users sending them would feel it (closed-loop clients wait
     * politely instead, and the stall shows as one slow request). Requests beyond the connection limit
     * wait in the client's queue, their wait counted. Returns once every request has been answered.
     */
    Tally runOpenLoop(Scenario scenario, double perSecond, long durationNanos, long seed) throws InterruptedException {
        Tally tally = new Tally();
        long total = Math.max(1, Math.round(perSecond * durationNanos / 1e9));
        double interval = 1e9 / perSecond;
        CompletableFuture<Tally> done = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            Random random = new Random(seed);
            long start = System.nanoTime();
            long[] sent = {0};
            long[] answered = {0};
            // Vert.x timers tick at best every millisecond: each tick sends every request now due.
            vertx.setPeriodic(1, timer -> {
                long now = System.nanoTime();
                while (sent[0] < total && start + (long) (sent[0] * interval) <= now) {
                    long due = start + (long) (sent[0] * interval);
                    sent[0]++;
                    tally.sendLag.record(System.nanoTime() - due);
                    send(scenario.next(random), tally, due, () -> {
                        if (++answered[0] == total) {
                            done.complete(tally);
                        }
                    });
                }
                if (sent[0] == total) {
                    vertx.cancelTimer(timer);
                }
            });
        });
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(scenario.name() + " failed", e.getCause());
        }
    }

    /** Sends one request of one simulated client and, once it is answered, the next (on the event loop). */
    private void next(Scenario scenario, Random random, Tally tally, long deadlineNanos, int maxRequests,
                      Runnable finished) {
        if (System.nanoTime() >= deadlineNanos || tally.requests >= maxRequests) {
            finished.run();
            return;
        }
        send(scenario.next(random), tally, System.nanoTime(),
                () -> next(scenario, random, tally, deadlineNanos, maxRequests, finished));
    }

    /** Sends one request; its latency runs from `startNanos` to the last byte of the answer. */
    private void send(Scenario.Probe probe, Tally tally, long startNanos, Runnable answered) {
        tally.requests++;
        RequestOptions request = new RequestOptions()
                .setMethod(probe.body() == null ? HttpMethod.GET : HttpMethod.POST)
                .setHost(base.getHost())
                .setPort(port())
                .setURI(base.getRawPath() + "/" + probe.path())
                .putHeader("Accept", FhirHttp.FHIR_JSON)
                .setTimeout(QUERY_TIMEOUT_MS);
        if (probe.body() != null) {
            request.putHeader("Content-Type", FhirHttp.FHIR_JSON);
        }
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }
        client.request(request)
                .compose(r -> probe.body() == null ? r.send() : r.send(probe.body()))
                .compose(response -> response.body().map(body -> {
                    tally.bodyBytes += body.length();
                    return response.statusCode();
                }))
                .onComplete(result -> {
                    tally.latencies.record(System.nanoTime() - startNanos);
                    if (result.failed() || result.result() != 200) {
                        tally.errors++;
                    }
                    answered.run();
                });
    }

    private int port() {
        if (base.getPort() > 0) {
            return base.getPort();
        }
        return "https".equals(base.getScheme()) ? 443 : 80;
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
