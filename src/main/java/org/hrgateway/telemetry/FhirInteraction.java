package org.hrgateway.telemetry;

import java.util.Set;

/**
 * What a request to the FHIR base is, by FHIR's RESTful grammar (http.html): the interaction (R4's
 * restful-interaction codes, plus `operation` and `capabilities`), the resource type, the operation's
 * code, and which base (`city`, or `province` for [base]/province). Metrics and the request log name
 * requests by these, never by the raw URL: every value is one of a small known set, so a client
 * asking for `/fhir/Foo/123` or `$anything` cannot make new time series.
 */
public record FhirInteraction(String interaction, String resourceType, String operation, String base) {

    public static final String UNKNOWN = "unknown";
    /** No resource type (system level) or no operation. */
    public static final String NONE = "";

    /**
     * `segments` is the path under the FHIR base, split at `/` (`["Observation", "123"]`); a type not in
     * `servedTypes` is `unknown`, and so is an operation's code until the operation is found
     * ({@link RequestRecord#operation(String)}).
     */
    public static FhirInteraction classify(String method, String[] segments, Set<String> servedTypes) {
        boolean province = segments.length > 0 && segments[0].equals("province");
        String base = province ? "province" : "city";
        int from = province ? 1 : 0;
        int length = segments.length - from;
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (method.equals("OPTIONS")) {
            return new FhirInteraction("options", NONE, NONE, base);
        }
        if (length == 0) {
            return system(read ? "search-system" : method.equals("POST") ? "transaction" : UNKNOWN, base);
        }
        String first = segments[from];
        if ((length == 1 && first.equals("metadata")) || first.equals(".well-known")) {
            return system("capabilities", base);
        }
        if (first.equals("cds-services") && !province) {
            // CDS Hooks (api/CdsHooksResource): discovery, a hook call, its feedback; never a service's id.
            return system(length == 1 ? "cds-discovery" : length == 2 ? "cds-hook"
                    : length == 3 && segments[2].equals("feedback") ? "cds-feedback" : UNKNOWN, base);
        }
        if (isOperation(first)) {
            return length == 1 ? new FhirInteraction("operation", NONE, UNKNOWN, base) : system(UNKNOWN, base);
        }
        if (length == 1 && first.equals("_history")) {
            return system("history-system", base);
        }
        if (length == 1 && first.equals("_search")) {
            return system("search-system", base);
        }
        String type = servedTypes.contains(first) ? first : UNKNOWN;
        String interaction = switch (length) {
            case 1 -> switch (method) {
                case "GET", "HEAD" -> "search-type";
                case "POST" -> "create";
                case "PUT" -> "update";
                case "DELETE" -> "delete";
                default -> UNKNOWN;
            };
            case 2 -> typeLevel(method, segments[from + 1]);
            case 3 -> segments[from + 2].equals("_history") ? "history-instance"
                    : isOperation(segments[from + 2]) ? "operation" : UNKNOWN;
            case 4 -> segments[from + 2].equals("_history") && read ? "vread" : UNKNOWN;
            default -> UNKNOWN;
        };
        return new FhirInteraction(interaction, type, interaction.equals("operation") ? UNKNOWN : NONE, base);
    }

    private static String typeLevel(String method, String second) {
        if (second.equals("_search")) {
            return "search-type";
        }
        if (second.equals("_history")) {
            return "history-type";
        }
        if (isOperation(second)) {
            return "operation";
        }
        return switch (method) {
            case "GET", "HEAD" -> "read";
            case "PUT" -> "update";
            case "DELETE" -> "delete";
            default -> UNKNOWN;
        };
    }

    /** `$name`, or `%24name` as some clients encode it. */
    private static boolean isOperation(String segment) {
        return segment.startsWith("$") || segment.startsWith("%24");
    }

    private static FhirInteraction system(String interaction, String base) {
        return new FhirInteraction(interaction, NONE, NONE, base);
    }

    /** The same request, once its operation is known to the registry. */
    FhirInteraction withOperation(String code) {
        return interaction.equals("operation") ? new FhirInteraction(interaction, resourceType, code, base) : this;
    }
}
