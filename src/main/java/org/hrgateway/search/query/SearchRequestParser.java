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
import java.util.Locale;
import java.util.Map;

/** Parses a type-level search: its criteria and its result parameters (search.html#return). */
@ApplicationScoped
public class SearchRequestParser {

    private final CriteriaParser criteria;
    private final SearchParamRegistry registry;
    private final ResourceTypes types;
    private final GatewayConfig config;

    public SearchRequestParser(CriteriaParser criteria, SearchParamRegistry registry, ResourceTypes types,
                               GatewayConfig config) {
        this.criteria = criteria;
        this.registry = registry;
        this.types = types;
        this.config = config;
    }

    public SearchRequest parse(String type, Map<String, List<String>> params, boolean strict) {
        CriteriaParser.Parsed parsed = criteria.parse(type, params, strict);
        String cursor = first(params, "_cursor");
        return new SearchRequest(type, parsed.criteria(), sort(type, first(params, "_sort")), count(first(params, "_count")),
                cursor == null ? null : Cursor.decode(cursor), total(first(params, "_total")),
                "count".equalsIgnoreCase(first(params, "_summary")),
                includes(type, params, "_include", false), includes(type, params, "_revinclude", true),
                parsed.used(), parsed.ignored());
    }

    private int count(String value) {
        if (value == null || value.isBlank()) {
            return config.paging().defaultCount();
        }
        try {
            int count = Integer.parseInt(value.trim());
            if (count < 0) {
                throw invalid("_count must not be negative, not " + value);
            }
            return Math.min(count, config.paging().maxCount());
        } catch (NumberFormatException e) {
            throw invalid("_count must be a whole number, not " + value);
        }
    }

    private List<SortKey> sort(String type, String value) {
        List<SortKey> keys = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return keys;
        }
        for (String part : value.split(",")) {
            String name = part.trim();
            boolean descending = name.startsWith("-");
            if (descending) {
                name = name.substring(1);
            }
            if (name.equals("_id") || name.equals("_lastUpdated")) {
                keys.add(new SortKey(name, null, descending));
                continue;
            }
            String code = name;
            SearchParamDef param = registry.find(type, code)
                    .filter(def -> def.type() != RestSearchParameterTypeEnum.COMPOSITE)
                    .orElseThrow(() -> invalid("Cannot sort " + type + " by '" + code + "': no such sortable parameter"));
            keys.add(new SortKey(code, param, descending));
        }
        return keys;
    }

    private static SearchRequest.Total total(String value) {
        if (value == null || value.isBlank()) {
            return SearchRequest.Total.NONE;
        }
        try {
            return SearchRequest.Total.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("_total is none, estimate or accurate, not " + value);
        }
    }

    /** `_include[:iterate]=Source:param[:Target]` and `*`; `_revinclude` alike. */
    private List<Include> includes(String type, Map<String, List<String>> params, String name, boolean reverse) {
        List<Include> includes = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : params.entrySet()) {
            String[] key = entry.getKey().split(":", 2);
            if (!key[0].equals(name)) {
                continue;
            }
            boolean iterate = key.length > 1 && (key[1].equals("iterate") || key[1].equals("recurse"));
            if (key.length > 1 && !iterate) {
                throw invalid(name + ":" + key[1] + " is not a known modifier (use :iterate)");
            }
            for (String value : entry.getValue()) {
                includes.add(include(type, value.trim(), name, reverse, iterate));
            }
        }
        return includes;
    }

    private Include include(String type, String value, String name, boolean reverse, boolean iterate) {
        if (value.equals("*")) {
            return new Include(reverse ? "*" : type, "*", null, iterate);
        }
        String[] parts = value.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw invalid(name + " is written SourceType:parameter[:TargetType], not '" + value + "'");
        }
        if (!types.isServed(parts[0])) {
            throw invalid(name + "=" + value + ": " + parts[0] + " is not a resource type this server serves");
        }
        if (!parts[1].equals("*")) {
            registry.find(parts[0], parts[1])
                    .filter(def -> def.type() == RestSearchParameterTypeEnum.REFERENCE)
                    .orElseThrow(() -> invalid(name + "=" + value + ": " + parts[0] + " has no reference parameter '"
                            + parts[1] + "'"));
        }
        if (!iterate && !reverse && !parts[0].equals(type)) {
            throw invalid("_include=" + value + " must start with " + type + " (or use _include:iterate)");
        }
        return new Include(parts[0], parts[1], parts.length == 3 ? parts[2] : null, iterate);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, Outcomes.error(IssueType.INVALID, message));
    }
}
