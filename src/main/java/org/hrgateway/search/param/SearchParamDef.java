package org.hrgateway.search.param;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;

import java.util.Set;

/**
 * One search parameter of one resource type: its code, type, the FHIRPath expression that extracts
 * its values (already narrowed to this resource type), its definition URL and reference targets.
 */
public record SearchParamDef(String resourceType, String code, RestSearchParameterTypeEnum type,
                             String expression, String definitionUrl, Set<String> targets, String description) {
}
