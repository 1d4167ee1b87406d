package org.hrgateway.operation.recognize;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the rules need out of stored resources: a result's codes, status, times, performer and
 * mark, an Organization's certifications. The extension URLs are the package's (Recognizer).
 */
final class RecognitionData {

    private final String markUrl;
    private final String certificationUrl;

    RecognitionData(String markUrl, String certificationUrl) {
        this.markUrl = markUrl;
        this.certificationUrl = certificationUrl;
    }

    /** A stored result's elements the rules read (its JSON streamed, not parsed: {@link ResultJson}). */
    ResultJson result(String json) {
        return ResultJson.read(json, markUrl);
    }

    /**
     * `listedByMarkedReport`: a DiagnosticReport carrying the mark lists this result, which marks an
     * Observation; a report carries its own.
     */
    static Candidate candidate(ResultJson result, String reference, boolean listedByMarkedReport) {
        boolean listed = listedByMarkedReport && "Observation".equals(result.resourceType());
        return new Candidate(reference, result.status(), result.marked() || listed, result.effective(), result.issued(),
                result.performer());
    }

    List<Certification> certifications(Organization organization) {
        List<Certification> certifications = new ArrayList<>();
        for (Extension extension : organization.getExtensionsByUrl(certificationUrl)) {
            Extension category = extension.getExtensionByUrl("category");
            if (category == null || !(category.getValue() instanceof Coding coding) || !coding.hasCode()) {
                continue; // a certification without a category certifies nothing
            }
            Extension period = extension.getExtensionByUrl("period");
            Period span = period != null && period.getValue() instanceof Period p ? p : new Period();
            certifications.add(new Certification(coding.getCode(),
                    span.hasStart() ? span.getStart().toInstant() : null,
                    span.hasEnd() ? endOf(span) : null));
        }
        return certifications;
    }

    /** The last instant a Period's end covers: `2026-12-31` covers that whole day, `2026` that year. */
    private static Instant endOf(Period period) {
        var end = period.getEndElement();
        ZonedDateTime start = end.getValue().toInstant().atZone(end.getTimeZone() == null
                ? ZoneId.systemDefault() : end.getTimeZone().toZoneId());
        ZonedDateTime next = switch (end.getPrecision()) {
            case YEAR -> start.plusYears(1);
            case MONTH -> start.plusMonths(1);
            case DAY -> start.plusDays(1);
            default -> null;
        };
        return next == null ? end.getValue().toInstant() : next.toInstant().minusMillis(1);
    }
}
