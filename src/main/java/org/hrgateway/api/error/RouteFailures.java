package org.hrgateway.api.error;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.HttpStatusException;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.fhir.ResponseFormat;
import org.hrgateway.telemetry.RequestIds;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Failures met in the HTTP layer before a request reaches a JAX-RS resource (a malformed request
 * target, a body that is too large while it streams in, a failure of Vert.x's router), answered from
 * the same table as {@link FhirExceptionMapper}: no error leaves the gateway without an OperationOutcome.
 */
@ApplicationScoped
public class RouteFailures {

    private static final Logger LOG = Logger.getLogger(RouteFailures.class);

    /** Bytes of a refused body read and dropped before the connection is closed instead. */
    private static final long MAX_DISCARDED_BYTES = 256L * 1024 * 1024;

    private final ResourceCodec codec;

    public RouteFailures(ResourceCodec codec) {
        this.codec = codec;
    }

    /** Answers the failure; `closeConnection` when the request's body is refused (dropped, then closed). */
    public void send(RoutingContext context, Throwable error, boolean closeConnection) {
        HttpServerResponse response = context.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        ErrorClassifier.Classified classified = ErrorClassifier.classify(error);
        if (classified.unexpected()) {
            LOG.error("Request failed in the HTTP layer: " + context.request().method() + " "
                    + context.request().uri(), error);
        }
        ResponseFormat format = formatOf(context);
        response.setStatusCode(classified.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, format.format().contentType());
        if (closeConnection) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            discardBodyThenClose(context);
        }
        response.end(codec.encode(RequestIds.stamp(classified.outcome()), format));
    }

    /**
     * The body of a refused request is never kept: read and dropped, so that a client that sends its
     * whole body before it reads (as most HTTP clients do) gets the answer instead of a broken pipe;
     * past {@link #MAX_DISCARDED_BYTES} the connection is closed.
     */
    private static void discardBodyThenClose(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.isEnded()) {
            context.response().endHandler(ended -> request.connection().close());
            return;
        }
        long[] discarded = {0};
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > MAX_DISCARDED_BYTES) {
                request.connection().close();
            }
        });
        request.endHandler(ended -> request.connection().close());
        request.exceptionHandler(failed -> request.connection().close());
        request.resume();
    }

    /** Vert.x's router failed the request with a status and no exception (e.g. 413 from a body limit). */
    public void sendStatus(RoutingContext context) {
        Throwable failure = context.failure();
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        String contentType = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        boolean form = contentType != null && contentType.startsWith("application/x-www-form-urlencoded");
        // Netty's form decoder, on a `POST [type]/_search` body: one that cannot be decoded (`%%%&&&==`),
        // or a parameter past quarkus.http.limits.max-form-attribute-size.
        if (form && (failure instanceof IllegalArgumentException || failure instanceof io.netty.handler.codec.DecoderException)) {
            String message = "The form body cannot be decoded: " + failure.getMessage();
            failure = new InvalidRequestException(message, Outcomes.error(IssueType.INVALID, message));
        } else if (form && failure instanceof java.io.IOException && "Size exceed allowed maximum capacity".equals(failure.getMessage())) {
            failure = HttpStatusException.payloadTooLarge("A form parameter is larger than this server accepts");
        }
        if (failure == null) {
            failure = status == 413
                    ? HttpStatusException.payloadTooLarge("The body is larger than this server accepts")
                    : new jakarta.ws.rs.WebApplicationException(status);
        }
        send(context, failure, status == 413);
    }

    /** Only the Accept header: a query string that could not be read cannot say `_format`. */
    private static ResponseFormat formatOf(RoutingContext context) {
        try {
            String accept = context.request().getHeader(HttpHeaders.ACCEPT);
            return ResponseFormat.negotiate(null, accept == null ? List.of() : List.of(accept), null, null, null);
        } catch (RuntimeException e) {
            return ResponseFormat.DEFAULT;
        }
    }
}
