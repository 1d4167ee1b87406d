package org.hrgateway.security;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.fhir.Outcomes;

/**
 * 401: no token, or one that does not verify. The answer carries `WWW-Authenticate: Bearer`, with
 * `error="invalid_token"` when a token was sent (RFC 6750 §3).
 */
public final class Unauthenticated extends AuthenticationException {

    private final boolean tokenSent;

    public Unauthenticated(String message, boolean tokenSent) {
        super(message);
        this.tokenSent = tokenSent;
        OperationOutcome outcome = Outcomes.error(IssueType.LOGIN, message);
        setOperationOutcome(outcome);
    }

    /** The `WWW-Authenticate` value of the answer. */
    public String challenge() {
        return tokenSent ? "Bearer realm=\"hr-gateway\", error=\"invalid_token\"" : "Bearer realm=\"hr-gateway\"";
    }
}
