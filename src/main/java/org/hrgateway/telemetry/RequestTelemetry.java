package org.hrgateway.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hrgateway.config.GatewayConfig;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The first thing every request meets: it gets its id ({@link RequestIds}), which is put in the MDC
 * (so every log line written while serving it carries it) and in the `X-Request-Id` response header;
 * when its answer is sent, one log line and one sample of `http.server.requests` name it by its FHIR
 * interaction and resource type ({@link FhirInteraction}), never by its raw URL. Requests outside
 * the FHIR base (health, metrics) are left alone: probes would drown the log.
 */
@ApplicationScoped
public class RequestTelemetry {

    static final String RECORD = "hr.request";
    /** Category of the one line per request; `quarkus.log.category."hr.requests".level=WARN` silences it. */
    private static final Logger REQUESTS = Logger.getLogger("hr.requests");
    /** Bucket bounds of the latency histogram: a FHIR read is milliseconds, a province call up to its deadline. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

    private final MeterRegistry registry;
    private final String root;
    private final Set<String> servedTypes;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    public RequestTelemetry(MeterRegistry registry, GatewayConfig config,
                            @ConfigProperty(name = "quarkus.rest.path", defaultValue = "/") String root) {
        this.registry = registry;
        this.root = root.endsWith("/") ? root : root + "/";
        this.servedTypes = Set.copyOf(config.resourceTypes());
    }

    /** The record of the request being served on this Vert.x context, if any. */
    public static Optional<RequestRecord> current() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.get(RECORD) : Optional.empty();
    }

    /** Route handler, first on every request; a request rerouted (RequestGate) keeps its record. */
    public void begin(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (context.get(RECORD) != null || !underFhirBase(request.path())) {
            context.next();
            return;
        }
        RequestRecord record = new RequestRecord(RequestIds.acceptOrMake(request.getHeader(RequestIds.HEADER)),
                System.nanoTime());
        context.put(RECORD, record);
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(RECORD, record);
        }
        MDC.put(RequestIds.MDC_KEY, record.id());
        context.response().putHeader(RequestIds.HEADER, record.id());
        context.addEndHandler(ended -> finish(context, record));
        context.next();
    }

    private boolean underFhirBase(String path) {
        return path != null && (path.startsWith(root) || path.equals(root.substring(0, root.length() - 1)));
    }

    private void finish(RoutingContext context, RequestRecord record) {
        long nanos = System.nanoTime() - record.startedNanos();
        HttpServerRequest request = context.request();
        String method = KNOWN_METHODS.contains(request.method().name()) ? request.method().name() : "OTHER";
        int status = context.response().getStatusCode();
        String path = request.path();
        FhirInteraction interaction = FhirInteraction.classify(method, segments(path), servedTypes);
        if (record.operation() != null) {
            interaction = interaction.withOperation(record.operation());
        }
        timer(new Key(method, status, interaction)).record(nanos, TimeUnit.NANOSECONDS);
        if (REQUESTS.isInfoEnabled()) {
            REQUESTS.info(requestLine(method, path, status, nanos, interaction, record.id()));
        }
    }

    /**
     * `GET /fhir/Patient 200 12 ms search-type Patient request-id=…`: the path only, since a query may
     * hold a patient's identifier, which has no place in a log. Appended, not formatted: a printf
     * pattern per request was a third of the line's cost (bench/telemetry-share.sh).
     */
    static String requestLine(String method, String path, int status, long nanos, FhirInteraction interaction,
                              String requestId) {
        StringBuilder line = new StringBuilder(96 + path.length()).append(method).append(' ').append(path)
                .append(' ').append(status).append(' ').append(nanos / 1_000_000).append(" ms ")
                .append(interaction.interaction());
        if (!interaction.resourceType().isEmpty()) {
            line.append(' ').append(interaction.resourceType());
        }
        if (!interaction.operation().isEmpty()) {
            line.append(" $").append(interaction.operation());
        }
        return line.append(" request-id=").append(requestId).toString();
    }

    private String[] segments(String path) {
        String under = path.length() > root.length() ? path.substring(root.length()) : "";
        return under.isEmpty() ? new String[0] : under.split("/");
    }

    private Timer timer(Key key) {
        return timers.computeIfAbsent(key, k -> Timer.builder("http.server.requests")
                .description("FHIR requests, by interaction, resource type and status")
                .tag("method", k.method())
                .tag("status", Integer.toString(k.status()))
                .tag("outcome", outcome(k.status()))
                .tag("interaction", k.interaction().interaction())
                .tag("resource_type", k.interaction().resourceType())
                .tag("operation", k.interaction().operation())
                .tag("base", k.interaction().base())
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
    }

    private static String outcome(int status) {
        return status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : status >= 300 ? "REDIRECTION"
                : status >= 200 ? "SUCCESS" : "INFORMATIONAL";
    }

    private record Key(String method, int status, FhirInteraction interaction) {
    }
}
