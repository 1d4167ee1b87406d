package org.hrgateway.operation.recognize;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hrgateway.fhir.DateRange;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * An institution's external quality assessment certification for one professional category (the
 * Organization's `eqa-certification` extension). A missing start or end leaves that side open.
 */
public record Certification(String category, Instant start, Instant end) {

    public boolean covers(String category, Instant when) {
        return this.category.equals(category)
                && (start == null || !when.isBefore(start))
                && (end == null || !when.isAfter(end));
    }

    /** An Organization's certifications, by the package's extension URL; dates read in `zone`. */
    public static List<Certification> of(Organization organization, String certificationUrl, ZoneId zone) {
        List<Certification> certifications = new ArrayList<>();
        for (Extension extension : organization.getExtensionsByUrl(certificationUrl)) {
            Extension category = extension.getExtensionByUrl("category");
            if (category == null || !(category.getValue() instanceof Coding coding) || !coding.hasCode()) {
                continue; // a certification without a category certifies nothing
            }
            Extension period = extension.getExtensionByUrl("period");
            Period span = period != null && period.getValue() instanceof Period p ? p : new Period();
            certifications.add(new Certification(coding.getCode(),
                    DateRange.of(span.getStartElement(), zone).map(DateRange::low).orElse(null),
                    DateRange.of(span.getEndElement(), zone).map(DateRange::high).orElse(null)));
        }
        return certifications;
    }
}
