package org.hrgateway.operation.recognize;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.hrgateway.fhir.DateRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The streaming read of a stored result against what HAPI's parsed model says of the same JSON, on
 * results built to take each element's every form.
 */
class ResultJsonTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String MARK = "http://hr-gateway.org/fhir/StructureDefinition/recognition-mark";

    @Test
    void givenResultsInEveryForm_whenRead_thenTheElementsAreThoseOfTheParsedResource() {
        for (Resource result : results()) {
            String json = FHIR.newJsonParser().encodeResourceToString(result);
            ResultJson read = ResultJson.read(json, MARK, ZONE);
            Resource parsed = (Resource) FHIR.newJsonParser().parseResource(json);
            assertEquals(expected(parsed), read, json);
        }
    }

    @Test
    void givenStoredTimesThatAreNotInstants_whenRead_thenReadAsTheirRangeOrUnknownNeverAFailure() {
        // Stored before the door refused them (TimeValues): one such result must not fail a patient's $recognize.
        String json = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"issued\":\"2026-11-20\","
                + "\"effectiveDateTime\":\"yesterday\"}";

        ResultJson read = ResultJson.read(json, MARK, ZONE);

        assertEquals(Instant.parse("2026-11-19T16:00:00Z"), read.issued());
        assertEquals(null, read.effective());
    }

    /** What the rules read, taken from HAPI's model. */
    private static ResultJson expected(Resource parsed) {
        boolean observation = parsed instanceof Observation;
        Observation o = observation ? (Observation) parsed : null;
        DiagnosticReport r = observation ? null : (DiagnosticReport) parsed;
        CodeableConcept code = observation ? o.getCode() : r.getCode();
        Set<String> codes = new HashSet<>();
        for (Coding coding : code.getCoding()) {
            if (coding.hasSystem() && coding.hasCode()) {
                codes.add(coding.getSystem() + "|" + coding.getCode());
            }
        }
        boolean marked = ((DomainResource) parsed).getExtension().stream()
                .anyMatch(extension -> MARK.equals(extension.getUrl()) && extension.hasValue());
        List<Reference> performers = observation ? o.getPerformer() : r.getPerformer();
        String performer = performers.stream().filter(Reference::hasReference).map(Reference::getReference)
                .filter(reference -> reference.startsWith("Organization/") || reference.contains("/Organization/"))
                .findFirst().orElse(null);
        String status = observation ? (o.hasStatus() ? o.getStatus().toCode() : null) : (r.hasStatus() ? r.getStatus().toCode() : null);
        InstantType issued = observation ? o.getIssuedElement() : r.getIssuedElement();
        return new ResultJson(parsed.fhirType(), status, codes, marked, effective(observation ? o.getEffective() : r.getEffective()),
                first(issued), performer);
    }

    /** The first instant of an element, read the one way the gateway reads time ({@link DateRange}). */
    private static Instant first(BaseDateTimeType value) {
        return DateRange.of(value, ZONE).map(DateRange::low).orElse(null);
    }

    private static Instant effective(Type effective) {
        if (effective instanceof BaseDateTimeType dateTime) {
            return first(dateTime);
        }
        if (effective instanceof Period period) {
            return period.hasStart() ? first(period.getStartElement()) : period.hasEnd() ? first(period.getEndElement()) : null;
        }
        return null;
    }

    private static List<Resource> results() {
        Observation full = new Observation();
        full.setStatus(Observation.ObservationStatus.AMENDED);
        full.getCode().setText("Hb").addCoding().setSystem("http://loinc.org").setCode("718-7").setDisplay("Hemoglobin");
        full.getCode().addCoding().setCode("no-system");
        full.getCode().addCoding().setSystem("urn:local").setCode("HB");
        full.addExtension().setUrl("urn:other").setValue(new BooleanType(true));
        full.addExtension().setUrl(MARK).setValue(new Coding("urn:marks", "HR", null));
        full.setEffective(new DateTimeType("2026-03-01T08:30:00+08:00"));
        full.setIssuedElement(new InstantType("2026-03-01T10:00:00.123+08:00"));
        full.addPerformer(new Reference("Practitioner/p1"));
        full.addPerformer(new Reference("https://heze.example/fhir/Organization/o2").setDisplay("Heze"));
        full.addPerformer(new Reference("Organization/o3"));
        full.addNote().setText("{\"status\": \"preliminary\"}");

        Observation partial = new Observation();
        partial.setStatus(Observation.ObservationStatus.FINAL);
        partial.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
        partial.addExtension().setUrl(MARK).addExtension("note", new StringType("an extension without a value"));
        partial.setEffective(new DateTimeType("2026-03"));

        Observation period = new Observation();
        period.getCode().setText("no coding");
        period.setEffective(new Period().setStartElement(new DateTimeType("2026-02-28")));
        Observation periodEnd = new Observation();
        periodEnd.setEffective(new Period().setEndElement(new DateTimeType("2026-02-28T23:00:00Z")));
        Observation instant = new Observation();
        instant.setEffective(new InstantType("2026-01-01T00:00:00Z"));

        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.CORRECTED);
        report.getCode().addCoding().setSystem("http://loinc.org").setCode("58410-2");
        report.addExtension().setUrl(MARK).setValue(new BooleanType(true));
        report.setEffective(new DateTimeType("2025"));
        report.setIssuedElement(new InstantType("2026-01-02T03:04:05Z"));
        report.addPerformer(new Reference("Organization/lab"));
        report.addResult(new Reference("Observation/1"));
        return List.of(full, partial, period, periodEnd, instant, report, new DiagnosticReport());
    }
}
