package org.hrgateway.search.param;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;

import java.util.List;
import java.util.Set;

/**
 * One search parameter of one resource type, from a SearchParameter resource: its code, type, the
 * FHIRPath expression that extracts its values (narrowed to this resource type), its definition
 * URL, reference targets and, for a composite, its components.
 */
public record SearchParamDef(String resourceType, String code, RestSearchParameterTypeEnum type,
                             String expression, String definitionUrl, Set<String> targets,
                             List<Component> components, String description) {

    /** A part of a composite parameter: its type and the expression relative to the composite's element. */
    public record Component(RestSearchParameterTypeEnum type, String expression, String definitionUrl) {
    }

    public boolean isComposite() {
        return type == RestSearchParameterTypeEnum.COMPOSITE;
    }
}
