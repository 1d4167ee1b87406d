package org.hrgateway.api;

import java.util.Locale;

/** The Prefer header (RFC 7240) as FHIR uses it: return=minimal|representation|OperationOutcome. */
public record Prefer(Return returns) {

    public enum Return { MINIMAL, REPRESENTATION, OPERATION_OUTCOME }

    public static Prefer parse(String header) {
        Return returns = Return.REPRESENTATION;
        if (header != null) {
            for (String preference : header.split("[,;]")) {
                String[] pair = preference.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("return")) {
                    returns = switch (pair[1].trim().replace("\"", "").toLowerCase(Locale.ROOT)) {
                        case "minimal" -> Return.MINIMAL;
                        case "operationoutcome" -> Return.OPERATION_OUTCOME;
                        default -> Return.REPRESENTATION;
                    };
                }
            }
        }
        return new Prefer(returns);
    }
}
