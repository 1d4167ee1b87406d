package org.hrgateway.operation.recognize;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * Reads what the rules need out of stored resources: a result's status, times, performer and mark,
 * an Organization's certifications. The extension URLs are the package's (Recognizer).
 */
final class RecognitionData {

    private final String markUrl;
    private final String certificationUrl;

    RecognitionData(String markUrl, String certificationUrl) {
        this.markUrl = markUrl;
        this.certificationUrl = certificationUrl;
    }

    /** `listedByMarkedReport`: a DiagnosticReport carrying the mark lists this result. */
    Candidate candidate(Resource result, String reference, boolean listedByMarkedReport) {
        if (result instanceof Observation observation) {
            return new Candidate(reference, observation.getStatus() == null ? null : observation.getStatus().toCode(),
                    marked(observation) || listedByMarkedReport,
                    instant(observation.getEffective()), instant(observation.getIssued()),
                    organization(observation.getPerformer()));
        }
        DiagnosticReport report = (DiagnosticReport) result;
        return new Candidate(reference, report.getStatus() == null ? null : report.getStatus().toCode(), marked(report),
                instant(report.getEffective()), instant(report.getIssued()), organization(report.getPerformer()));
    }

    private boolean marked(Resource resource) {
        return resource instanceof DomainResource domain
                && domain.getExtension().stream().anyMatch(extension -> markUrl.equals(extension.getUrl()) && extension.hasValue());
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

    private static String organization(Collection<Reference> performers) {
        return performers.stream()
                .filter(Reference::hasReference)
                .map(Reference::getReference)
                .filter(reference -> reference.startsWith("Organization/") || reference.contains("/Organization/"))
                .findFirst().orElse(null);
    }

    /** dateTime as is; a Period by its start (when the specimen was taken), else its end. */
    private static Instant instant(Type effective) {
        if (effective instanceof DateTimeType dateTime && dateTime.getValue() != null) {
            return dateTime.getValue().toInstant();
        }
        if (effective instanceof Period period) {
            return period.hasStart() ? period.getStart().toInstant() : period.hasEnd() ? period.getEnd().toInstant() : null;
        }
        if (effective instanceof InstantType instant && instant.getValue() != null) {
            return instant.getValue().toInstant();
        }
        return null;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
