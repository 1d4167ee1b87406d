package org.hrgateway.fhir;

import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a client asked to see resources: wire format, pretty printing, `_summary` and `_elements`.
 * Negotiated from `_format` first, then the Accept header (FHIR http.html#mime-type).
 */
public record ResponseFormat(FhirFormat format, boolean pretty, SummaryEnum summary, Set<String> elements) {

    public static final ResponseFormat DEFAULT = new ResponseFormat(FhirFormat.JSON, false, null, Set.of());

    /** True when the stored JSON text can be sent as it is, without a parse and re-encode. */
    public boolean isVerbatimJson() {
        return format == FhirFormat.JSON && !pretty && summary == null && elements.isEmpty();
    }

    public boolean subsets() {
        return (summary != null && summary != SummaryEnum.FALSE) || !elements.isEmpty();
    }

    public static ResponseFormat negotiate(String formatParam, List<String> accept, String prettyParam,
                                           String summaryParam, String elementsParam) {
        FhirFormat format = formatParam != null && !formatParam.isBlank()
                ? FhirFormat.ofFormatParam(formatParam).orElseThrow(() ->
                        HttpStatusException.notAcceptable("Unsupported _format: " + formatParam))
                : fromAccept(accept);
        boolean pretty = "true".equalsIgnoreCase(prettyParam);
        return new ResponseFormat(format, pretty, summary(summaryParam), elements(elementsParam));
    }

    private static FhirFormat fromAccept(List<String> accept) {
        if (accept == null || accept.isEmpty()) {
            return FhirFormat.JSON;
        }
        boolean anyAccepted = false;
        for (String header : accept) {
            for (String range : header.split(",")) {
                String bare = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (bare.isEmpty()) {
                    continue;
                }
                var known = FhirFormat.ofMediaType(bare);
                if (known.isPresent()) {
                    return known.get();
                }
                if (bare.equals("*/*") || bare.equals("application/*") || bare.equals("text/*")) {
                    anyAccepted = true;
                }
            }
        }
        if (anyAccepted) {
            return FhirFormat.JSON;
        }
        throw HttpStatusException.notAcceptable("None of the accepted media types " + accept
                + " is a FHIR format; use application/fhir+json or application/fhir+xml");
    }

    private static SummaryEnum summary(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        SummaryEnum summary = SummaryEnum.fromCode(value.trim().toLowerCase(Locale.ROOT));
        if (summary == null) {
            String message = "Unknown _summary value '" + value + "' (expected true, text, data, count or false)";
            throw new InvalidRequestException(message, Outcomes.error(IssueType.INVALID, message));
        }
        return summary;
    }

    private static Set<String> elements(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
