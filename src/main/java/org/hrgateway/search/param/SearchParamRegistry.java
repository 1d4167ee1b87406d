package org.hrgateway.search.param;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import jakarta.enterprise.context.ApplicationScoped;
import org.hrgateway.fhir.ResourceTypes;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The search parameters of the served types, from the R4 core SearchParameter definitions that HAPI
 * ships. Only parameter types with an index behind them are listed, so the CapabilityStatement and
 * the query parser never promise a parameter the store cannot answer.
 */
@ApplicationScoped
public class SearchParamRegistry {

    /** Parameter types that have an extractor and a query builder today. */
    public static final Set<RestSearchParameterTypeEnum> INDEXED_TYPES = Collections.unmodifiableSet(EnumSet.of(
            RestSearchParameterTypeEnum.TOKEN, RestSearchParameterTypeEnum.STRING,
            RestSearchParameterTypeEnum.REFERENCE));

    private final Map<String, Map<String, SearchParamDef>> byType = new LinkedHashMap<>();

    public SearchParamRegistry(FhirContext context, ResourceTypes types) {
        for (String type : types.served()) {
            RuntimeResourceDefinition definition = context.getResourceDefinition(type);
            Map<String, SearchParamDef> params = new LinkedHashMap<>();
            for (RuntimeSearchParam param : definition.getSearchParams()) {
                if (!INDEXED_TYPES.contains(param.getParamType()) || param.getName().startsWith("_")) {
                    continue;
                }
                List<String> paths = param.getPathsSplitForResourceType(type);
                if (paths.isEmpty()) {
                    continue;
                }
                params.put(param.getName(), new SearchParamDef(type, param.getName(), param.getParamType(),
                        String.join(" | ", paths), param.getUri(), param.getTargets(), param.getDescription()));
            }
            byType.put(type, Collections.unmodifiableMap(params));
        }
    }

    public Optional<SearchParamDef> find(String resourceType, String code) {
        return Optional.ofNullable(byType.getOrDefault(resourceType, Map.of()).get(code));
    }

    public Iterable<SearchParamDef> forType(String resourceType) {
        return byType.getOrDefault(resourceType, Map.of()).values();
    }
}
