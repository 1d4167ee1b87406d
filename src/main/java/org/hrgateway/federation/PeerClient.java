package org.hrgateway.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.federation.Peers.Peer;
import org.hrgateway.telemetry.GatewayMetrics;
import org.hrgateway.telemetry.RequestIds;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Reads from a peer gateway (ADR 0015): a GET on the peer's own base, with the peer token, the call's
 * deadline, request id and hop headers, bounded by what is left of the deadline, through that peer's
 * circuit breaker. It never fails: a peer that does not answer well becomes a {@link PeerAnswer.Missing}
 * saying why, which the caller turns into an OperationOutcome issue.
 */
@ApplicationScoped
public class PeerClient {

    private static final Logger LOG = Logger.getLogger(PeerClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeLiteral<Uni<String>> UNI_STRING = new TypeLiteral<>() {
    };
    /** Where a peer answered with an error: not the peer's health, so not counted by its breaker. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** A peer that answered 5xx or something that is not a FHIR JSON resource: counted as a failure. */
    static final class Broken extends RuntimeException {
        Broken(String message) {
            super(message, null, false, false);
        }
    }

    private final WebClient client;
    private final PeerTokens tokens;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Federation config;
    private final Map<Peer, TypedGuard<Uni<String>>> breakers = new ConcurrentHashMap<>();

    public PeerClient(Vertx vertx, PeerTokens tokens, GatewayConfig config, GatewayMetrics metrics) {
        this.tokens = tokens;
        this.metrics = metrics;
        this.config = config.federation();
        // Up to 64 connections to each peer: a busy city may have that many province calls in flight.
        this.client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(64).setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, this.config.peerTimeout().toMillis()))
                .setUserAgent("hr-gateway-peer").setFollowRedirects(false).setDecompressionSupported(true));
    }

    void stop(@Observes ShutdownEvent event) {
        client.close();
    }

    /**
     * GET `[peer base]/relative` (a path and query, e.g. `Observation?code=...`) within the call's
     * deadline; the body of a 200 that is a FHIR JSON resource, or why there is none.
     */
    public Uni<PeerAnswer> get(Peer peer, String relative, ProvinceCall call) {
        Duration budget = min(config.peerTimeout(), call.remaining(Instant.now()));
        if (budget.toMillis() <= 0) {
            return Uni.createFrom().item(new PeerAnswer.Missing(peer, IssueType.TIMEOUT,
                    "the call's deadline had passed before " + peer.city() + " could be asked"));
        }
        String url = peer.baseUrl() + "/" + relative;
        long started = System.nanoTime();
        return breaker(peer).get(() -> send(url, call, budget))
                .<PeerAnswer>map(body -> new PeerAnswer.Answered(peer, body))
                .onFailure().recoverWithItem(failure -> missing(peer, failure, budget))
                .invoke(answer -> {
                    metrics.peerCall(peer.city(), answer instanceof PeerAnswer.Missing missing ? missing.code().toCode() : "ok",
                            System.nanoTime() - started);
                    if (answer instanceof PeerAnswer.Missing missing) {
                        LOG.warnf("Peer %s (%s) not used for request %s after %d ms: %s", peer.city(), url,
                                call.requestId(), (System.nanoTime() - started) / 1_000_000, missing.reason());
                    }
                });
    }

    private Uni<String> send(String url, ProvinceCall call, Duration budget) {
        return client.getAbs(url)
                .putHeader(HttpHeaders.AUTHORIZATION.toString(), tokens.authorization())
                .putHeader(HttpHeaders.ACCEPT.toString(), "application/fhir+json")
                .putHeader(ProvinceCall.DEADLINE_HEADER, call.deadline().toString())
                .putHeader(RequestIds.HEADER, call.requestId())
                .putHeader(ProvinceCall.HOP_HEADER, "1")
                // Vert.x's timeout ends a silent connection; the Uni's bounds one that trickles.
                .timeout(budget.toMillis())
                .send()
                .ifNoItem().after(budget).failWith(() -> new TimeoutException("no answer within " + budget.toMillis() + " ms"))
                .map(PeerClient::body);
    }

    private static String body(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        String text = response.bodyAsString();
        if (status >= 500) {
            throw new Broken("answered " + status);
        }
        if (status != 200) {
            throw new Refused(status, "answered " + status + diagnostics(text));
        }
        String contentType = response.getHeader(HttpHeaders.CONTENT_TYPE.toString());
        if (contentType == null || !contentType.contains("json") || text == null || !text.stripLeading().startsWith("{")) {
            throw new Broken("answered 200 with " + (contentType == null ? "no content type" : contentType)
                    + ", not a FHIR JSON resource");
        }
        return text;
    }

    private TypedGuard<Uni<String>> breaker(Peer peer) {
        return breakers.computeIfAbsent(peer, key -> TypedGuard.create(UNI_STRING)
                .withDescription("peer " + key.city())
                .withCircuitBreaker()
                .requestVolumeThreshold(config.breaker().requestVolume())
                .failureRatio(config.breaker().failureRatio())
                .delay(config.breaker().delay().toMillis(), ChronoUnit.MILLIS)
                .skipOn(Refused.class)
                .onPrevented(() -> LOG.debugf("Breaker of peer %s is open", key.city()))
                .done()
                .build());
    }

    private static PeerAnswer.Missing missing(Peer peer, Throwable failure, Duration budget) {
        if (failure instanceof CircuitBreakerOpenException) {
            return new PeerAnswer.Missing(peer, IssueType.TRANSIENT, peer.city()
                    + " was not asked: it failed too often lately (its circuit breaker is open)");
        }
        if (failure instanceof TimeoutException || failure instanceof io.netty.handler.timeout.TimeoutException
                || failure.getClass().getSimpleName().contains("Timeout")) {
            return new PeerAnswer.Missing(peer, IssueType.TIMEOUT, peer.city() + " did not answer within "
                    + budget.toMillis() + " ms");
        }
        if (failure instanceof Refused refused) {
            return new PeerAnswer.Missing(peer, IssueType.INCOMPLETE, peer.city() + " refused the request: "
                    + refused.getMessage());
        }
        if (failure instanceof Broken broken) {
            return new PeerAnswer.Missing(peer, IssueType.TRANSIENT, peer.city() + " " + broken.getMessage());
        }
        if (failure instanceof ConnectException || failure.getCause() instanceof ConnectException) {
            return new PeerAnswer.Missing(peer, IssueType.TRANSIENT, peer.city() + " could not be reached: "
                    + failure.getMessage());
        }
        return new PeerAnswer.Missing(peer, IssueType.TRANSIENT, peer.city() + " failed: " + failure);
    }

    /** The first issue's diagnostics of the peer's OperationOutcome, 200 characters at most. */
    private static String diagnostics(String body) {
        try {
            String text = body == null ? "" : JSON.readTree(body).path("issue").path(0).path("diagnostics").asText("");
            return text.isEmpty() ? "" : " (" + (text.length() > 200 ? text.substring(0, 200) + "…" : text) + ")";
        } catch (java.io.IOException notJson) {
            return "";
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
