package org.hrgateway.validation;

import ca.uhn.fhir.validation.ResultSeverityEnum;

/**
 * One validation finding, from either validator: severity, message, where (a FHIRPath expression)
 * and which rule (HAPI's message id, or the compiled rule: an invariant key, "cardinality", ...).
 */
public record Finding(ResultSeverityEnum severity, String message, String location, String messageId) {

    public boolean isError() {
        return severity == ResultSeverityEnum.ERROR || severity == ResultSeverityEnum.FATAL;
    }
}
