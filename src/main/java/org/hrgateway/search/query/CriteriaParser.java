package org.hrgateway.search.query;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.search.param.SearchParamDef;
import org.hrgateway.search.param.SearchParamRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns query parameters into criteria against the registry's parameters; unknown ones are 400. */
@ApplicationScoped
public class CriteriaParser {

    /** Parameters about the response's shape, never about which resources match. */
    private static final Set<String> FORMAT_PARAMS = Set.of("_format", "_pretty", "_summary", "_elements");

    private final SearchParamRegistry registry;

    public CriteriaParser(SearchParamRegistry registry) {
        this.registry = registry;
    }

    public List<Criterion> parse(String resourceType, Map<String, List<String>> params) {
        List<Criterion> criteria = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : params.entrySet()) {
            String[] nameAndModifier = entry.getKey().split(":", 2);
            String name = nameAndModifier[0];
            String modifier = nameAndModifier.length > 1 ? nameAndModifier[1] : null;
            if (FORMAT_PARAMS.contains(name)) {
                continue;
            }
            SearchParamDef param = name.equals("_id") ? null : registry.find(resourceType, name)
                    .orElseThrow(() -> invalid("Unknown or unsupported search parameter '" + name + "' for " + resourceType));
            for (String value : entry.getValue()) {
                List<String> values = splitOr(value);
                if (values.isEmpty()) {
                    throw invalid("Search parameter '" + entry.getKey() + "' has no value");
                }
                criteria.add(new Criterion(name, param, modifier, values));
            }
        }
        return criteria;
    }

    /** Splits on commas that are not escaped with a backslash, and unescapes \, \| \$ \\ . */
    static List<String> splitOr(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && ",$\\".indexOf(value.charAt(i + 1)) >= 0) {
                current.append(value.charAt(++i));
            } else if (c == ',') {
                addIfPresent(parts, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        addIfPresent(parts, current);
        return parts;
    }

    private static void addIfPresent(List<String> parts, StringBuilder value) {
        if (!value.isEmpty()) {
            parts.add(value.toString());
        }
    }

    public static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, Outcomes.error(IssueType.INVALID, message));
    }
}
