package org.hrgateway.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.ResponseFormat;

/** What every interaction needs to know about its HTTP request: base URL, representation, Prefer. */
public record FhirRequest(String baseUrl, ResponseFormat format, Prefer prefer) {

    public static FhirRequest of(UriInfo uri, HttpHeaders headers, GatewayConfig config) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        ResponseFormat format = ResponseFormat.negotiate(query.getFirst("_format"),
                headers.getRequestHeader(HttpHeaders.ACCEPT), query.getFirst("_pretty"),
                query.getFirst("_summary"), query.getFirst("_elements"));
        return new FhirRequest(baseUrl(uri, config), format, Prefer.parse(headers.getHeaderString("Prefer")));
    }

    /** The same request answered with an OperationOutcome instead of a resource, whatever it preferred. */
    public FhirRequest withoutResource() {
        return new FhirRequest(baseUrl, format, new Prefer(Prefer.Return.OPERATION_OUTCOME, prefer.strict()));
    }

    /** The request's target relative to the base, as sent (`Observation/1/_history?_count=5`), for the audit trail. */
    public static String relativeTarget(UriInfo uri) {
        return uri.getBaseUri().relativize(uri.getRequestUri()).toString();
    }

    /** The configured public base, else the one this request arrived at (without a trailing '/'). */
    public static String baseUrl(UriInfo uri, GatewayConfig config) {
        String base = config.baseUrl().orElseGet(() -> uri.getBaseUri().toString());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
