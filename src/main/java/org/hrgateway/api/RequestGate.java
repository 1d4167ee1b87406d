package org.hrgateway.api;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.netty.buffer.ByteBufUtil;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.api.error.RouteFailures;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.db.CancellablePool;
import org.hrgateway.fhir.HttpStatusException;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.telemetry.RequestTelemetry;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The first thing every request meets, before JAX-RS: the request target made canonical
 * ({@link RequestUris}), and the limits that must hold before anything is read or buffered — the
 * target's length, the headers' size and a declared body size — each refused with an OperationOutcome.
 * Failures of Vert.x's router are answered the same way.
 *
 * <p>Quarkus refuses, before any route runs, a target that {@link java.net.URI} would not parse, with
 * an empty 400 (raw `|` included). Its switch is the system property {@value #DISABLE_QUARKUS_URI_CHECK},
 * read before any bean runs, so the launcher ({@code GatewayMain}) and the test runner set it; this
 * gate does the check instead, accepting what real clients send.
 */
@ApplicationScoped
public class RequestGate {

    public static final String DISABLE_QUARKUS_URI_CHECK = "vertx.disableURIValidation";

    private static final Logger LOG = Logger.getLogger(RequestGate.class);

    /** The methods of FHIR's RESTful API this server implements, and those JAX-RS answers itself. */
    private static final Set<HttpMethod> FHIR_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS);

    /** Marks a request (rerouted or not) whose body already holds its place in the budget. */
    private static final String BUDGET_TAKEN = "hr.body-budget";
    private static final String WATCHED = "hr.client-watched";
    private static final long MAX_BUFFERED_BODY = 64L * 1024 * 1024;

    private final RouteFailures failures;
    private final RequestTelemetry telemetry;
    private final BodyBudget budget;
    /**
     * Reads an admitted body before JAX-RS does, refusing it (413, through the failure handler) the
     * moment it passes the limit: a chunked upload is never buffered beyond it. Only requests that
     * have a body go through it; it then passes them on.
     */
    private final BodyHandler bodyReader;
    private final Duration maxBodyWait;
    private final int maxTargetLength;
    private final int maxHeaderBytes;
    private final long maxBodyBytes;

    public RequestGate(RouteFailures failures, RequestTelemetry telemetry, GatewayConfig config) {
        this.failures = failures;
        this.telemetry = telemetry;
        this.maxTargetLength = config.limits().maxUrlLength();
        this.maxHeaderBytes = config.limits().maxHeaderBytes();
        this.maxBodyBytes = config.limits().maxBodyBytes();
        if (maxBodyBytes > MAX_BUFFERED_BODY) {
            // quarkus.rest.input-buffer-size (build time): JAX-RS must take an admitted body as one buffer.
            throw new IllegalStateException("hr.limits.max-body-bytes may be at most " + MAX_BUFFERED_BODY
                    + " (64 MB), not " + maxBodyBytes);
        }
        long inFlight = config.limits().bodyBytesInFlight()
                .orElse(Runtime.getRuntime().maxMemory() / 16);
        this.budget = new BodyBudget(Math.max(inFlight, maxBodyBytes));
        this.maxBodyWait = config.limits().maxBodyWait();
        this.bodyReader = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    void install(@Observes Router router) {
        if (!Boolean.getBoolean(DISABLE_QUARKUS_URI_CHECK)) {
            LOG.warn("Started without -D" + DISABLE_QUARKUS_URI_CHECK + "=true (java -jar sets it): Quarkus will refuse"
                    + " searches with a raw '|' (code=system|code) with an empty 400");
        }
        // First: the request's id, before anything may answer it (telemetry/).
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).handler(telemetry::begin);
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).handler(this::check);
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).handler(this::checkBodyText);
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).failureHandler(failures::sendStatus);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        watchClient(context);
        String target = request.uri();
        try {
            if (!FHIR_METHODS.contains(request.method())) {
                throw HttpStatusException.methodNotAllowed("The HTTP method " + request.method().name()
                        + " is not supported by this server (FHIR PATCH included); use GET, POST, PUT or DELETE");
            }
            if (target.length() > maxTargetLength) {
                throw HttpStatusException.uriTooLong("The request target is longer than " + maxTargetLength
                        + " characters; send a long search as POST [type]/_search with a form body");
            }
            if (headerBytes(request) > maxHeaderBytes) {
                throw HttpStatusException.headersTooLarge("The request headers are larger than " + maxHeaderBytes + " bytes");
            }
            long declared = declaredLength(request);
            String canonical = RequestUris.canonical(target);
            if (!canonical.equals(target)) {
                context.reroute(request.method(), canonical);
            } else if (context.get(BUDGET_TAKEN) == null
                    && (declared > 0 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING))) {
                // A chunked body, of unknown size, holds room for the largest accepted.
                admitBody(context, declared > 0 ? declared : maxBodyBytes);
            } else {
                context.next();
            }
        } catch (RuntimeException e) {
            // The body, if any, is never kept: RouteFailures drops it, then closes the connection.
            failures.send(context, e, request.headers().contains(HttpHeaders.CONTENT_LENGTH)
                    || request.headers().contains(HttpHeaders.TRANSFER_ENCODING));
        }
    }

    /**
     * A client that goes away before its answer is complete (a closed connection, a failed write)
     * gets its statements cancelled in PostgreSQL: a search nobody waits for no longer holds a
     * connection and a database core until the statement timeout.
     */
    private static void watchClient(RoutingContext context) {
        Context request = Vertx.currentContext();
        if (context.get(WATCHED) != null || request == null) {
            return;
        }
        context.put(WATCHED, Boolean.TRUE);
        context.addEndHandler(ended -> {
            if (ended.failed()) {
                CancellablePool.cancelQueriesOf(request);
            }
        });
    }

    /** The body is read only once the {@link BodyBudget} has room for it; a long wait is a 503. */
    private void admitBody(RoutingContext context, long bytes) {
        context.put(BUDGET_TAKEN, bytes);
        long[] timer = {-1};
        BodyBudget.Wait wait = budget.acquire(bytes, () -> {
            if (timer[0] >= 0) {
                context.vertx().cancelTimer(timer[0]);
            }
            context.addEndHandler(ended -> budget.release(bytes));
            bodyReader.handle(context);
        });
        timer[0] = context.vertx().setTimer(maxBodyWait.toMillis(), fired -> {
            if (wait.cancel()) {
                failures.send(context, HttpStatusException.serviceUnavailable("The gateway is busy with other uploads;"
                        + " nothing was read or stored. Retry later."), true);
            }
        });
        context.request().connection().closeHandler(closed -> {
            if (wait.cancel()) {
                context.vertx().cancelTimer(timer[0]);
            }
        });
    }

    /**
     * A FHIR body is UTF-8 (http.html#mime-type). Decoded leniently, invalid bytes became U+FFFD in
     * what was stored: a store of medical results never changes what it was given.
     */
    private void checkBodyText(RoutingContext context) {
        Buffer body = context.body().buffer();
        // Netty's check walks the bytes in place: no decoded copy of a 10 MB body on the event loop.
        if (body != null && !ByteBufUtil.isText(body.getByteBuf(), StandardCharsets.UTF_8)) {
            String message = "The body is not UTF-8 text; FHIR bodies are UTF-8";
            failures.send(context, new InvalidRequestException(message, Outcomes.error(IssueType.STRUCTURE, message)), false);
            return;
        }
        context.next();
    }

    /** The declared `Content-Length`, -1 when there is none; over the limit it is a 413. */
    private long declaredLength(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return -1;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = Long.MAX_VALUE;
        }
        if (length > maxBodyBytes) {
            throw HttpStatusException.payloadTooLarge("The body is larger than " + maxBodyBytes + " bytes");
        }
        return length;
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }
}
