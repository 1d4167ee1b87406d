package org.hrgateway.search.query;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.search.param.SearchParamDef;
import org.hrgateway.search.param.SearchParamRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns query parameters into criteria against the registry's parameters: modifiers, chains
 * (`subject:Patient.name=x`, several levels) and reverse chains (`_has:Observation:patient:code=x`).
 * Unknown parameters are errors when strict, else set aside for the caller to report.
 */
@ApplicationScoped
public class CriteriaParser {

    /** Parameters about paging and the response's shape, never about which resources match. */
    public static final Set<String> RESULT_PARAMS = Set.of("_format", "_pretty", "_summary", "_elements", "_count",
            "_sort", "_total", "_include", "_revinclude", "_cursor", "_contained", "_containedType");

    /** The criteria, and the parameters that were set aside because this server does not know them. */
    public record Parsed(List<Criterion> criteria, Map<String, List<String>> used, List<String> ignored) {
    }

    private final SearchParamRegistry registry;
    private final ResourceTypes types;

    private final int maxValues;

    public CriteriaParser(SearchParamRegistry registry, ResourceTypes types, GatewayConfig config) {
        this.registry = registry;
        this.types = types;
        this.maxValues = config.limits().maxSearchValues();
    }

    /** Strict: every parameter must be known (conditional interactions, `Prefer: handling=strict`). */
    public List<Criterion> parse(String resourceType, Map<String, List<String>> params) {
        return parse(resourceType, params, true).criteria();
    }

    public Parsed parse(String resourceType, Map<String, List<String>> params, boolean strict) {
        List<Criterion> criteria = new ArrayList<>();
        Map<String, List<String>> used = new java.util.LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        int valueCount = 0;
        for (Map.Entry<String, List<String>> entry : params.entrySet()) {
            String key = entry.getKey();
            if (RESULT_PARAMS.contains(key.split(":", 2)[0])) {
                continue;
            }
            for (String value : entry.getValue()) {
                List<String> values = splitOr(value);
                valueCount += values.size();
                if (valueCount > maxValues) {
                    // 200 AND-ed code= parameters took 18 s of one connection: each value is a join or a branch.
                    String message = "The search has more than " + maxValues + " parameter values (hr.limits.max-search-values);"
                            + " split it into several searches";
                    throw new InvalidRequestException(message, Outcomes.error(IssueType.TOOCOSTLY, message));
                }
                if (values.isEmpty()) {
                    if (strict) {
                        throw invalid("Search parameter '" + key + "' has no value");
                    }
                    continue; // an empty parameter is ignored (search.html#errors)
                }
                Optional<Criterion> criterion = criterion(resourceType, key, values);
                if (criterion.isPresent()) {
                    criteria.add(criterion.get());
                    used.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                } else if (strict) {
                    throw unknown(resourceType, key);
                } else {
                    ignored.add(key);
                }
            }
        }
        return new Parsed(criteria, used, ignored);
    }

    /** Empty when the key names no parameter of the type; errors when it names one wrongly. */
    private Optional<Criterion> criterion(String type, String key, List<String> values) {
        if (key.startsWith("_has:")) {
            return Optional.of(has(type, key, values));
        }
        int dot = key.indexOf('.');
        String head = dot < 0 ? key : key.substring(0, dot);
        String[] nameAndModifier = head.split(":", 2);
        String name = nameAndModifier[0];
        String modifier = nameAndModifier.length > 1 ? nameAndModifier[1] : null;
        if (name.equals("_id") || name.equals("_lastUpdated")) {
            if (dot >= 0) {
                throw invalid("'" + key + "': " + name + " cannot be chained");
            }
            return Optional.of(Criterion.of(name, null, modifier, values));
        }
        Optional<SearchParamDef> param = registry.find(type, name);
        if (param.isEmpty()) {
            return Optional.empty();
        }
        if (dot < 0) {
            return Optional.of(Criterion.of(name, param.get(), modifier, values));
        }
        return Optional.of(chain(type, param.get(), modifier, key.substring(dot + 1), values, key));
    }

    private Criterion chain(String type, SearchParamDef param, String modifier, String rest, List<String> values,
                            String key) {
        if (param.type() != RestSearchParameterTypeEnum.REFERENCE) {
            throw invalid("'" + key + "': only reference parameters can be chained, and " + param.code() + " is a "
                    + param.type().getCode());
        }
        String innerName = rest.split("[.:]", 2)[0];
        String target = chainTarget(type, param, modifier, innerName, key);
        Criterion inner = criterion(target, rest, values)
                .orElseThrow(() -> invalid("'" + key + "': " + target + " has no search parameter '" + innerName + "'"));
        return new Criterion(param.code(), param, target, values, new Criterion.Chain(target, inner), null);
    }

    /** The type a chain goes through: the `:Type` modifier, the only target, or the only target having the inner parameter. */
    private String chainTarget(String type, SearchParamDef param, String modifier, String innerName, String key) {
        if (modifier != null) {
            if (!types.isServed(modifier)) {
                throw invalid("'" + key + "': " + modifier + " is not a resource type this server serves");
            }
            return modifier;
        }
        List<String> candidates = param.targets().stream()
                .filter(types::isServed)
                .filter(target -> innerName.startsWith("_") || registry.find(target, innerName).isPresent())
                .toList();
        if (candidates.size() != 1) {
            throw invalid("'" + key + "' is ambiguous: " + type + "." + param.code() + " may point at "
                    + candidates + "; name one, e.g. " + param.code() + ":" + (candidates.isEmpty() ? "Patient"
                    : candidates.get(0)) + "." + innerName);
        }
        return candidates.get(0);
    }

    /** `_has:Type:param:rest`, where rest is a parameter of Type (or another `_has`). */
    private Criterion has(String type, String key, List<String> values) {
        String[] parts = key.split(":", 4);
        if (parts.length < 4 || parts[1].isEmpty() || parts[2].isEmpty() || parts[3].isEmpty()) {
            throw invalid("'" + key + "': _has is written _has:Type:referenceParameter:parameter");
        }
        String source = parts[1];
        if (!types.isServed(source)) {
            throw invalid("'" + key + "': " + source + " is not a resource type this server serves");
        }
        SearchParamDef reference = registry.find(source, parts[2])
                .filter(param -> param.type() == RestSearchParameterTypeEnum.REFERENCE)
                .orElseThrow(() -> invalid("'" + key + "': " + source + " has no reference parameter '" + parts[2] + "'"));
        Criterion inner = criterion(source, parts[3], values)
                .orElseThrow(() -> invalid("'" + key + "': " + source + " has no search parameter '" + parts[3] + "'"));
        return new Criterion("_has", null, null, values, null, new Criterion.Has(source, reference.code(), inner));
    }

    /** Splits on commas that are not escaped with a backslash (the escape stays for the type's own parsing). */
    static List<String> splitOr(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == ',') {
                current.append(',');
                i++;
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

    private static InvalidRequestException unknown(String type, String key) {
        String message = "Unknown or unsupported search parameter '" + key + "' for " + type;
        return new InvalidRequestException(message, Outcomes.error(IssueType.NOTSUPPORTED, message));
    }

    public static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, Outcomes.error(IssueType.INVALID, message));
    }
}
