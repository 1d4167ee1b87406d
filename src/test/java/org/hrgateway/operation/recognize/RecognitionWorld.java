package org.hrgateway.operation.recognize;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hrgateway.support.FhirApi;
import org.hrgateway.support.Fixtures;

import java.time.Instant;
import java.util.Date;

/**
 * Writes the people, laboratories, results, orders and decisions of one recognition scenario
 * through the REST API.
 * Every test gets its own resident ids (the database is shared), so its candidates are its own.
 */
public final class RecognitionWorld {

    public static final String LOINC = "http://loinc.org";
    public static final String BASE = "http://hr-gateway.org/fhir";
    public static final String RESIDENT_ID = BASE + "/sid/resident-id";
    public static final String MARK = BASE + "/StructureDefinition/recognition-mark";
    public static final String EQA = BASE + "/StructureDefinition/eqa-certification";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    public final String residentId = "37" + Fixtures.unique();

    /** A Patient record of this world's person at one hospital; returns its id. */
    public String patient(String hospitalRecordNumber) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(RESIDENT_ID).setValue(residentId);
        patient.addIdentifier().setSystem("urn:hospital:mrn").setValue(hospitalRecordNumber);
        patient.addName().setFamily("Zhang").addGiven("Wei");
        return create(patient);
    }

    /** A laboratory certified for `category` from `start` to `end` (dates), or not at all when category is null. */
    public String lab(String category, String start, String end) {
        Organization lab = new Organization();
        lab.setName("Laboratory " + Fixtures.unique());
        if (category != null) {
            Extension certification = lab.addExtension().setUrl(EQA);
            certification.addExtension("category", new Coding(BASE + "/CodeSystem/mr-category", category, null));
            certification.addExtension("period", new Period().setStartElement(new DateTimeType(start))
                    .setEndElement(new DateTimeType(end)));
        }
        return create(lab);
    }

    /** An Observation of `patient` performed by `lab`; returns its id. */
    public String observation(String patient, String code, String status, boolean marked, Instant effective, Instant issued,
                       String lab) {
        return observation(new Reference("Patient/" + patient), code, status, marked, effective, issued, lab);
    }

    /** An Observation whose subject is referred to as given (e.g. by an absolute URL); returns its id. */
    public String observation(Reference subject, String code, String status, boolean marked, Instant effective,
                              Instant issued, String lab) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.fromCode(status));
        observation.getCode().addCoding(new Coding(LOINC, code, null));
        observation.setSubject(subject);
        observation.setEffective(new DateTimeType(Date.from(effective)));
        observation.setIssued(Date.from(issued));
        observation.addPerformer(new Reference("Organization/" + lab));
        observation.setValue(new Quantity().setValue(13.2).setUnit("g/dL"));
        if (marked) {
            observation.addExtension(MARK, new Coding(BASE + "/CodeSystem/mr-mark", "SD-HR", null));
        }
        return create(observation);
    }

    /** A DiagnosticReport of `patient` listing `results`; returns its id. */
    public String report(String patient, String code, boolean marked, Instant effective, Instant issued, String lab,
                  String... results) {
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.getCode().addCoding(new Coding(LOINC, code, null));
        report.setSubject(new Reference("Patient/" + patient));
        report.setEffective(new DateTimeType(Date.from(effective)));
        report.setIssued(Date.from(issued));
        report.addPerformer(new Reference("Organization/" + lab));
        for (String result : results) {
            report.addResult(new Reference("Observation/" + result));
        }
        if (marked) {
            report.addExtension(MARK, new Coding(BASE + "/CodeSystem/mr-mark", "HR", null));
        }
        return create(report);
    }

    /** A PractitionerRole at `organization` (an Organization id); returns its id. */
    public String practitionerRole(String organization) {
        PractitionerRole role = new PractitionerRole();
        role.setOrganization(new Reference("Organization/" + organization));
        return create(role);
    }

    /** An active order of `code` for `patient`, requested by whom `requester` refers to. */
    public String order(String patient, Reference requester, String code) {
        ServiceRequest order = orderOf(patient, null, code);
        order.setRequester(requester);
        return create(order);
    }

    /** An active order of `code` for `patient`, requested by `requester` (an Organization id, or null). */
    public String order(String patient, String requester, String code) {
        return create(orderOf(patient, requester, code));
    }

    public static ServiceRequest orderOf(String patient, String requester, String code) {
        ServiceRequest order = new ServiceRequest();
        order.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        order.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        order.getCode().addCoding(new Coding(LOINC, code, null));
        order.setSubject(new Reference("Patient/" + patient));
        if (requester != null) {
            order.setRequester(new Reference("Organization/" + requester));
        }
        return order;
    }

    /** A clinician's reasoned decision to re-test: `result` recognizable, `order` placed anyway, for `reason`. */
    public String decline(String patient, String result, String order, String reason) {
        DetectedIssue issue = new DetectedIssue();
        issue.setStatus(DetectedIssue.DetectedIssueStatus.FINAL);
        issue.setCode(new CodeableConcept(new Coding(BASE + "/CodeSystem/mr-issue-type", "repeat-test", null)));
        issue.setPatient(new Reference("Patient/" + patient));
        issue.addImplicated(new Reference(result));
        issue.addImplicated(new Reference(order));
        issue.addMitigation().setAction(new CodeableConcept(new Coding(BASE + "/CodeSystem/mr-decline-reason", reason, null)));
        return create(issue);
    }

    /** What a hospital's morning left for the figures to count: who asked and ordered, the lab, the person. */
    public record Morning(String hospital, String lab, String patient) {
    }

    /**
     * A hospital's morning: a certified lab's marked haemoglobin from yesterday and leukocytes from
     * three weeks ago; two `$recognize` calls by the hospital (718-7 recognized, 6690-2 expired,
     * 1742-6 no prior result, 1234-5 not applicable); two orders for 718-7 the gateway finds to be
     * unjustified repeats (one by the hospital, one by a PractitionerRole there); and a clinician's
     * reasoned re-test of 6690-2 (condition-changed).
     */
    public Morning hospitalMorning(String hospitalRecordNumber) {
        String hospital = lab(null, null, null);
        String lab = lab("hematology", "2020-01-01", "2099-12-31");
        String patient = patient(hospitalRecordNumber);
        Instant yesterday = Instant.now().minus(java.time.Duration.ofDays(1));
        observation(patient, "718-7", "final", true, yesterday, yesterday, lab);
        Instant longAgo = yesterday.minus(java.time.Duration.ofDays(20));
        String old = observation(patient, "6690-2", "final", true, longAgo, longAgo, lab);
        recognize(patient, hospital, "718-7", "6690-2");
        recognize(patient, hospital, "1742-6", "1234-5");
        order(patient, hospital, "718-7");
        order(patient, new Reference("PractitionerRole/" + practitionerRole(hospital)), "718-7");
        String justified = order(patient, hospital, "6690-2");
        decline(patient, "Observation/" + old, "ServiceRequest/" + justified, "condition-changed");
        return new Morning(hospital, lab, patient);
    }

    /** A `$recognize` call about `patient` for `codes` (LOINC), naming `requester` (an Organization id). */
    public static void recognize(String patient, String requester, String... codes) {
        org.hl7.fhir.r4.model.Parameters call = new org.hl7.fhir.r4.model.Parameters();
        for (String code : codes) {
            call.addParameter().setName("code").setValue(new Coding(LOINC, code, null));
        }
        call.addParameter().setName("requester").setValue(new Reference("Organization/" + requester));
        FhirApi.fhir().contentType(FhirApi.FHIR_JSON).body(json(call))
                .when().post("/Patient/" + patient + "/$recognize").then().statusCode(200);
    }

    public static String json(Resource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }

    private static String create(Resource resource) {
        return FhirApi.created(resource.fhirType(), FHIR.newJsonParser().encodeResourceToString(resource));
    }
}
