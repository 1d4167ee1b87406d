package org.hrgateway.operation;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hrgateway.fhir.Outcomes;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** The 400s that operations share. */
public final class OperationErrors {

    private OperationErrors() {
    }

    public static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, Outcomes.error(IssueType.INVALID, message));
    }

    public static InvalidRequestException required(String message) {
        return new InvalidRequestException(message, Outcomes.error(IssueType.REQUIRED, message));
    }
}
