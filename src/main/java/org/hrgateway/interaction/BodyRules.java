package org.hrgateway.interaction;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.Outcomes;

/** Checks that a body fits the URL it was sent to (http.html#update, #create). */
final class BodyRules {

    private BodyRules() {
    }

    static void requireType(String urlType, Resource resource) {
        String bodyType = resource.fhirType();
        if (!urlType.equals(bodyType)) {
            throw invalid("The body is a " + bodyType + " but the URL names " + urlType);
        }
    }

    static void requireIdMatches(String urlId, Resource resource) {
        String bodyId = resource.getIdElement().getIdPart();
        if (bodyId == null || bodyId.isBlank()) {
            throw invalid("An update must carry the resource id in the body (expected '" + urlId + "')");
        }
        if (!bodyId.equals(urlId)) {
            throw invalid("The body's id '" + bodyId + "' does not match the URL's id '" + urlId + "'");
        }
    }

    static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, Outcomes.error(IssueType.INVALID, message));
    }
}
