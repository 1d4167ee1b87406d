package org.hrgateway.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * An error with an HTTP status that HAPI has no exception class for (405, 406, 413, 414, 415, 431, 502, 503, 504). Like HAPI's
 * own exceptions it carries its OperationOutcome, which the API's one exception mapper sends.
 */
public final class HttpStatusException extends BaseServerResponseException {

    private HttpStatusException(int status, IssueType type, String message) {
        super(status, message, Outcomes.error(type, message));
    }

    public static HttpStatusException payloadTooLarge(String message) {
        return new HttpStatusException(413, IssueType.TOOCOSTLY, message);
    }

    public static HttpStatusException unsupportedMediaType(String message) {
        return new HttpStatusException(415, IssueType.NOTSUPPORTED, message);
    }

    public static HttpStatusException notAcceptable(String message) {
        return new HttpStatusException(406, IssueType.NOTSUPPORTED, message);
    }

    public static HttpStatusException uriTooLong(String message) {
        return new HttpStatusException(414, IssueType.TOOLONG, message);
    }

    public static HttpStatusException headersTooLarge(String message) {
        return new HttpStatusException(431, IssueType.TOOLONG, message);
    }

    public static HttpStatusException methodNotAllowed(String message) {
        return new HttpStatusException(405, IssueType.NOTSUPPORTED, message);
    }

    public static HttpStatusException serviceUnavailable(String message) {
        return new HttpStatusException(503, IssueType.TRANSIENT, message);
    }

    /** Another city's gateway, asked on the caller's behalf, gave no usable answer. */
    public static HttpStatusException badGateway(String message) {
        return new HttpStatusException(502, IssueType.TRANSIENT, message);
    }

    /** Another city's gateway did not answer within the call's deadline. */
    public static HttpStatusException gatewayTimeout(String message) {
        return new HttpStatusException(504, IssueType.TIMEOUT, message);
    }

    public OperationOutcome outcome() {
        return (OperationOutcome) getOperationOutcome();
    }
}
