package org.hrgateway.validation;

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
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

import java.util.Date;

/** Resources that conform to the package profiles, for tests to break one rule at a time. */
public final class LabResources {

    public static final String BASE = "http://hr-gateway.org/fhir";
    public static final String PROFILE = BASE + "/StructureDefinition/";
    public static final String RESIDENT_ID = BASE + "/sid/resident-id";
    public static final String INSTITUTION_CODE = BASE + "/sid/institution-code";
    public static final String LOINC = "http://loinc.org";
    private static final FhirContext CONTEXT = FhirContext.forR4Cached();

    private LabResources() {
    }

    public static String json(Resource resource) {
        return CONTEXT.newJsonParser().encodeResourceToString(resource);
    }

    public static Patient patient(String residentId) {
        Patient patient = new Patient();
        patient.getMeta().addProfile(PROFILE + "mr-patient");
        patient.addIdentifier().setSystem(RESIDENT_ID).setValue(residentId);
        patient.addName().setFamily("张").addGiven("三");
        return patient;
    }

    public static Organization organization(String code) {
        Organization organization = new Organization();
        organization.getMeta().addProfile(PROFILE + "mr-organization");
        organization.addExtension(new Extension(PROFILE + "hospital-level",
                new Coding(BASE + "/CodeSystem/mr-hospital-level", "tertiary", null)));
        organization.addExtension(eqaCertification("hematology", "2025-01-01", "2026-12-31"));
        organization.addIdentifier().setSystem(INSTITUTION_CODE).setValue(code);
        organization.setName("Test hospital " + code);
        organization.addAddress().setCity("Jinan");
        return organization;
    }

    public static Extension eqaCertification(String category, String from, String to) {
        Extension certification = new Extension(PROFILE + "eqa-certification");
        certification.addExtension(new Extension("category", new Coding(BASE + "/CodeSystem/mr-category", category, null)));
        certification.addExtension(new Extension("period", new Period()
                .setStartElement(new DateTimeType(from)).setEndElement(new DateTimeType(to))));
        certification.addExtension(new Extension("program", new StringType("NCCL EQA")));
        return certification;
    }

    public static Observation observation(String patientId, String organizationId) {
        Observation observation = new Observation();
        observation.getMeta().addProfile(PROFILE + "mr-observation");
        observation.addExtension(new Extension(PROFILE + "recognition-mark",
                new Coding(BASE + "/CodeSystem/mr-mark", "HR", null)));
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", null)));
        observation.setCode(new CodeableConcept(new Coding(LOINC, "718-7", "Hemoglobin [Mass/volume] in Blood")));
        observation.setSubject(new Reference("Patient/" + patientId));
        observation.setEffective(new DateTimeType("2026-11-20T08:30:00+08:00"));
        observation.setIssued(new Date());
        observation.addPerformer(new Reference("Organization/" + organizationId));
        observation.setValue(new Quantity().setValue(13.5).setUnit("g/dL").setSystem("http://unitsofmeasure.org").setCode("g/dL"));
        return observation;
    }

    public static DiagnosticReport report(String patientId, String organizationId, String observationId) {
        DiagnosticReport report = new DiagnosticReport();
        report.getMeta().addProfile(PROFILE + "mr-diagnosticreport");
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.setCode(new CodeableConcept(new Coding(LOINC, "58410-2", "CBC panel - Blood by Automated count")));
        report.setSubject(new Reference("Patient/" + patientId));
        report.setEffective(new DateTimeType("2026-11-20T08:30:00+08:00"));
        report.setIssued(new Date());
        report.addPerformer(new Reference("Organization/" + organizationId));
        report.addResult(new Reference("Observation/" + observationId));
        return report;
    }

    public static DetectedIssue declinedRecognition(String patientId, String resultRef, String requestRef, String reason) {
        DetectedIssue issue = new DetectedIssue();
        issue.getMeta().addProfile(PROFILE + "mr-declined-recognition");
        issue.setStatus(DetectedIssue.DetectedIssueStatus.FINAL);
        issue.setCode(new CodeableConcept(new Coding(BASE + "/CodeSystem/mr-issue-type", "repeat-test", null)));
        issue.setPatient(new Reference("Patient/" + patientId));
        issue.addImplicated(new Reference(resultRef));
        issue.addImplicated(new Reference(requestRef));
        issue.addMitigation().setAction(new CodeableConcept(new Coding(BASE + "/CodeSystem/mr-decline-reason", reason, null)));
        return issue;
    }
}
