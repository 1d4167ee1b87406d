package org.hrgateway.operation.recognize;

import org.hl7.fhir.r4.model.Organization;

import java.time.ZoneId;
import java.util.List;

/**
 * Reads what the rules need out of stored resources: a result's codes, status, times, performer and
 * mark, an Organization's certifications. The extension URLs are the package's (Recognizer).
 */
final class RecognitionData {

    private final String markUrl;
    private final String certificationUrl;
    private final ZoneId zone;

    RecognitionData(String markUrl, String certificationUrl, ZoneId zone) {
        this.markUrl = markUrl;
        this.certificationUrl = certificationUrl;
        this.zone = zone;
    }

    /** A stored result's elements the rules read (its JSON streamed, not parsed: {@link ResultJson}). */
    ResultJson result(String json) {
        return ResultJson.read(json, markUrl, zone);
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
        return Certification.of(organization, certificationUrl, zone);
    }
}
