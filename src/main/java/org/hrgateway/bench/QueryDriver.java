package org.hrgateway.bench;

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

    QueryDriver(URI base, int maxConnections) {
        this.base = base;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        boolean tls = "https".equals(base.getScheme());
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setSsl(tls).setTrustAll(false).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(maxConnections));
    }

    /** The outcome of one run: requests sent, non-200 answers or failures, and latencies. */
    static final class Tally {
        int requests;
        int errors;
        long bodyBytes;
        final LatencyRecorder latencies = new LatencyRecorder();
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

    /** Sends one request of one simulated client and, once it is answered, the next (on the event loop). */
    private void next(Scenario scenario, Random random, Tally tally, long deadlineNanos, int maxRequests,
                      Runnable finished) {
        if (System.nanoTime() >= deadlineNanos || tally.requests >= maxRequests) {
            finished.run();
            return;
        }
        Scenario.Probe probe = scenario.next(random);
        tally.requests++;
        long sent = System.nanoTime();
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
        client.request(request)
                .compose(r -> probe.body() == null ? r.send() : r.send(probe.body()))
                .compose(response -> response.body().map(body -> {
                    tally.bodyBytes += body.length();
                    return response.statusCode();
                }))
                .onComplete(result -> {
                    tally.latencies.record(System.nanoTime() - sent);
                    if (result.failed() || result.result() != 200) {
                        tally.errors++;
                    }
                    next(scenario, random, tally, deadlineNanos, maxRequests, finished);
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
