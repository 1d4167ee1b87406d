package org.hrgateway.api.error;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hrgateway.api.FhirResponses;
import org.hrgateway.fhir.ResponseFormat;
import org.hrgateway.security.Unauthenticated;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where a failure becomes an OperationOutcome with its HTTP status. */
public class FhirExceptionMapper {

    private static final Logger LOG = Logger.getLogger(FhirExceptionMapper.class);

    private final FhirResponses responses;

    public FhirExceptionMapper(FhirResponses responses) {
        this.responses = responses;
    }

    @ServerExceptionMapper(Throwable.class)
    public Response toOperationOutcome(Throwable error, UriInfo uri, HttpHeaders headers) {
        ErrorClassifier.Classified classified = ErrorClassifier.classify(error);
        if (classified.unexpected()) {
            LOG.error("Request failed: " + uri.getRequestUri(), error);
        } else if (classified.status() == 503) {
            LOG.warn("Request failed for want of the database: " + error);
        }
        Response response = responses.resource(classified.status(), classified.outcome(), formatOf(uri, headers));
        if (ErrorClassifier.unwrap(error) instanceof Unauthenticated unauthenticated) {
            return Response.fromResponse(response).header("WWW-Authenticate", unauthenticated.challenge()).build();
        }
        return response;
    }

    /** The client's format when it can be told, else JSON: an error must never fail to render. */
    private static ResponseFormat formatOf(UriInfo uri, HttpHeaders headers) {
        try {
            return ResponseFormat.negotiate(uri.getQueryParameters().getFirst("_format"),
                    headers.getRequestHeader(HttpHeaders.ACCEPT), uri.getQueryParameters().getFirst("_pretty"),
                    null, null);
        } catch (RuntimeException e) {
            return ResponseFormat.DEFAULT;
        }
    }
}
