package org.hrgateway.api;

import java.util.Locale;

/**
 * The Prefer header (RFC 7240) as FHIR uses it: return=minimal|representation|OperationOutcome.
 * `returns` is null when the client did not say; `strict` is `handling=strict` (search.html#errors).
 */
public record Prefer(Return returns, boolean strict) {

    public enum Return { MINIMAL, REPRESENTATION, OPERATION_OUTCOME }

    /** What a single create/update answers with when the client did not say: the resource. */
    public Return returnsOrRepresentation() {
        return returns == null ? Return.REPRESENTATION : returns;
    }

    public static Prefer parse(String header) {
        Return returns = null;
        boolean strict = false;
        if (header != null) {
            for (String preference : header.split("[,;]")) {
                String[] pair = preference.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("handling")) {
                    strict = pair[1].trim().replace("\"", "").equalsIgnoreCase("strict");
                }
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("return")) {
                    returns = switch (pair[1].trim().replace("\"", "").toLowerCase(Locale.ROOT)) {
                        case "minimal" -> Return.MINIMAL;
                        case "operationoutcome" -> Return.OPERATION_OUTCOME;
                        case "representation" -> Return.REPRESENTATION;
                        default -> null;
                    };
                }
            }
        }
        return new Prefer(returns, strict);
    }
}
