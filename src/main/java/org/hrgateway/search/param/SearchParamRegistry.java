package org.hrgateway.search.param;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.conformance.ProfilePackage;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The search parameters of the served types, built from SearchParameter resources: the R4 core
 * definitions (shipped in HAPI's validation resources) and those of the provincial profile package,
 * which win when they share a code. Only parameter types with an index behind them are listed, so
 * the CapabilityStatement and the query parser never promise what the store cannot answer.
 */
@ApplicationScoped
public class SearchParamRegistry {

    private static final Logger LOG = Logger.getLogger(SearchParamRegistry.class);
    private static final String CORE_DEFINITIONS = "org/hl7/fhir/r4/model/sp/search-parameters.json";

    /** Parameter types that have an extractor and a query builder. */
    public static final Set<RestSearchParameterTypeEnum> INDEXED_TYPES = Collections.unmodifiableSet(EnumSet.of(
            RestSearchParameterTypeEnum.TOKEN, RestSearchParameterTypeEnum.STRING,
            RestSearchParameterTypeEnum.REFERENCE, RestSearchParameterTypeEnum.DATE,
            RestSearchParameterTypeEnum.NUMBER, RestSearchParameterTypeEnum.QUANTITY,
            RestSearchParameterTypeEnum.URI, RestSearchParameterTypeEnum.COMPOSITE));

    /** Answered from the resource table itself, not from index rows. */
    private static final Set<String> RESOURCE_COLUMNS = Set.of("_id", "_lastUpdated");

    private final Map<String, Map<String, SearchParamDef>> byType = new LinkedHashMap<>();

    public SearchParamRegistry(FhirContext context, ResourceTypes types, ProfilePackage profiles) {
        List<SearchParameter> definitions = new ArrayList<>(core(context));
        definitions.addAll(profiles.resourcesOf(SearchParameter.class));
        Map<String, RestSearchParameterTypeEnum> typeByUrl = new HashMap<>();
        definitions.forEach(definition -> typeByUrl.put(definition.getUrl(), typeOf(definition)));
        for (String type : types.served()) {
            Map<String, SearchParamDef> params = new LinkedHashMap<>();
            for (SearchParameter definition : definitions) {
                toDef(definition, type, typeByUrl).ifPresent(def -> params.put(def.code(), def));
            }
            byType.put(type, Collections.unmodifiableMap(params));
        }
        LOG.infof("Search parameters: %d for %d types (core R4 and %s)",
                byType.values().stream().mapToInt(Map::size).sum(), byType.size(), profiles.source());
    }

    public Optional<SearchParamDef> find(String resourceType, String code) {
        return Optional.ofNullable(byType.getOrDefault(resourceType, Map.of()).get(code));
    }

    public Iterable<SearchParamDef> forType(String resourceType) {
        return byType.getOrDefault(resourceType, Map.of()).values();
    }

    private static Optional<SearchParamDef> toDef(SearchParameter definition, String type,
                                                  Map<String, RestSearchParameterTypeEnum> typeByUrl) {
        RestSearchParameterTypeEnum paramType = typeOf(definition);
        boolean applies = definition.getBase().stream().map(CodeType::getCode)
                .anyMatch(base -> base.equals(type) || base.equals("Resource") || base.equals("DomainResource"));
        if (!applies || paramType == null || !INDEXED_TYPES.contains(paramType)
                || RESOURCE_COLUMNS.contains(definition.getCode()) || !definition.hasExpression()) {
            return Optional.empty();
        }
        String expression = ExpressionNarrowing.forType(definition.getExpression(), type);
        if (expression == null) {
            return Optional.empty();
        }
        List<SearchParamDef.Component> components = new ArrayList<>();
        for (SearchParameter.SearchParameterComponentComponent component : definition.getComponent()) {
            RestSearchParameterTypeEnum componentType = typeByUrl.get(component.getDefinition());
            if (componentType == null) {
                return Optional.empty(); // a component we cannot type cannot be searched
            }
            components.add(new SearchParamDef.Component(componentType, component.getExpression(), component.getDefinition()));
        }
        Set<String> targets = new LinkedHashSet<>();
        definition.getTarget().forEach(target -> targets.add(target.getCode()));
        return Optional.of(new SearchParamDef(type, definition.getCode(), paramType, expression, definition.getUrl(),
                Collections.unmodifiableSet(targets), List.copyOf(components), definition.getDescription()));
    }

    private static RestSearchParameterTypeEnum typeOf(SearchParameter definition) {
        return definition.hasType() ? RestSearchParameterTypeEnum.forCode(definition.getType().toCode()) : null;
    }

    private static List<SearchParameter> core(FhirContext context) {
        try (InputStream in = SearchParamRegistry.class.getClassLoader().getResourceAsStream(CORE_DEFINITIONS)) {
            if (in == null) {
                throw new IllegalStateException("The R4 core search parameters are missing: " + CORE_DEFINITIONS);
            }
            Bundle bundle = context.newJsonParser().parseResource(Bundle.class, in);
            return bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(SearchParameter.class::isInstance)
                    .map(SearchParameter.class::cast)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
