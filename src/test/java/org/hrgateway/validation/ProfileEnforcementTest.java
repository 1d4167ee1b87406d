package org.hrgateway.validation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.validation.LabResources.json;

/** Writes claiming a package profile are validated against it: 422 with the findings, nothing stored. */
@QuarkusTest
class ProfileEnforcementTest {

    private String patientId;
    private String organizationId;

    @BeforeEach
    void givenAPatientAndAHospital() {
        patientId = created("Patient", json(LabResources.patient("37010219800101" + Fixtures.unique().substring(0, 4))));
        organizationId = created("Organization", json(LabResources.organization("ORG-" + Fixtures.unique())));
    }

    @Test
    void givenConformantResources_whenCreated_then201() {
        String observationId = created("Observation", json(LabResources.observation(patientId, organizationId)));
        created("DiagnosticReport", json(LabResources.report(patientId, organizationId, observationId)));
        created("DetectedIssue", json(LabResources.declinedRecognition(patientId, "Observation/" + observationId,
                "Observation/" + observationId, "emergency")));
    }

    @Test
    void givenObservationWithoutSubject_whenCreated_then422NamingTheElement() {
        Observation observation = LabResources.observation(patientId, organizationId);
        observation.setSubject(null);

        refused("Observation", observation)
                .body("issue.expression.flatten()", hasItem("Observation.subject"));
    }

    @Test
    void givenObservationCodeOutsideTheCatalogue_whenCreated_then422() {
        Observation observation = LabResources.observation(patientId, organizationId);
        observation.setCode(new CodeableConcept(new Coding(LabResources.LOINC, "94500-6", "SARS-CoV-2 RNA")));

        refused("Observation", observation)
                .body("issue.find { it.severity == 'error' }.expression[0]", containsString("Observation.code"));
    }

    @Test
    void givenObservationCodeOutsideTheCatalogue_whenNoProfileClaimed_thenAccepted() {
        Observation observation = LabResources.observation(patientId, organizationId);
        observation.getMeta().getProfile().clear();
        observation.setCode(new CodeableConcept(new Coding(LabResources.LOINC, "94500-6", "SARS-CoV-2 RNA")));

        created("Observation", json(observation));
    }

    @Test
    void givenObservationWithoutLaboratoryCategory_whenCreated_then422() {
        Observation observation = LabResources.observation(patientId, organizationId);
        observation.getCategory().clear();

        refused("Observation", observation);
    }

    @Test
    void givenObservationWithoutValueOrReason_whenCreated_then422WithTheInvariant() {
        Observation observation = LabResources.observation(patientId, organizationId);
        observation.setValue(null);

        refused("Observation", observation)
                .body("issue.diagnostics", hasItem(containsString("mr-obs-1")))
                .body("issue.extension.flatten().findAll { it.url.endsWith('operationoutcome-message-id') }.valueString",
                        hasItem("mr-obs-1"));
    }

    @Test
    void givenObservationPerformedByAPractitioner_whenCreated_then422() {
        Observation observation = LabResources.observation(patientId, organizationId);
        observation.getPerformer().clear();
        observation.addPerformer(new Reference("Practitioner/p-" + Fixtures.unique()));

        refused("Observation", observation);
    }

    @Test
    void givenObservationWithAnUnknownMark_whenCreated_then422() {
        Observation observation = LabResources.observation(patientId, organizationId);
        observation.getExtension().clear();
        observation.addExtension(new Extension(LabResources.PROFILE + "recognition-mark",
                new Coding(LabResources.BASE + "/CodeSystem/mr-mark", "GOLD", null)));

        refused("Observation", observation);
    }

    @Test
    void givenObservationWithoutIssued_whenCreated_then422() {
        Observation observation = LabResources.observation(patientId, organizationId);
        observation.setIssued(null);

        refused("Observation", observation)
                .body("issue.expression.flatten()", hasItem("Observation.issued"));
    }

    @Test
    void givenPatientWithoutResidentId_whenCreated_then422() {
        Patient patient = LabResources.patient("x");
        patient.getIdentifier().clear();
        patient.addIdentifier().setSystem("http://example.org/mrn").setValue("123");

        refused("Patient", patient);
    }

    @Test
    void givenOrganizationWithoutCity_whenCreated_then422() {
        Organization organization = LabResources.organization("ORG-" + Fixtures.unique());
        organization.getAddressFirstRep().setCity(null);

        refused("Organization", organization);
    }

    @Test
    void givenOrganizationWithACertificationLackingItsPeriod_whenCreated_then422() {
        Organization organization = LabResources.organization("ORG-" + Fixtures.unique());
        Extension certification = organization.getExtensionByUrl(LabResources.PROFILE + "eqa-certification");
        certification.getExtension().removeIf(part -> part.getUrl().equals("period"));

        refused("Organization", organization);
    }

    @Test
    void givenOrganizationWithAnUnknownHospitalLevel_whenCreated_then422() {
        Organization organization = LabResources.organization("ORG-" + Fixtures.unique());
        organization.getExtensionByUrl(LabResources.PROFILE + "hospital-level")
                .setValue(new Coding(LabResources.BASE + "/CodeSystem/mr-hospital-level", "quaternary", null));

        refused("Organization", organization);
    }

    @Test
    void givenReportWithoutResults_whenCreated_then422() {
        DiagnosticReport report = LabResources.report(patientId, organizationId, "none");
        report.getResult().clear();

        refused("DiagnosticReport", report)
                .body("issue.expression.flatten()", hasItem(containsString("DiagnosticReport")));
    }

    @Test
    void givenRepeatTestDecisionClaimingNoProfileAndNoMitigation_whenCreated_then422NamingTheMitigation() {
        DetectedIssue issue = LabResources.declinedRecognition(patientId, "Observation/a", "ServiceRequest/b", "emergency");
        issue.getMeta().getProfile().clear();
        issue.getMitigation().clear();

        refused("DetectedIssue", issue)
                .body("issue.expression.flatten()", hasItem(containsString("DetectedIssue")))
                .body("issue.diagnostics", hasItem(containsString("mitigation")));
    }

    @Test
    void givenRepeatTestDecisionClaimingNoProfileWithItsReason_whenCreated_thenStored() {
        DetectedIssue issue = LabResources.declinedRecognition(patientId, "Observation/a", "ServiceRequest/b", "major-decision");
        issue.getMeta().getProfile().clear();

        created("DetectedIssue", json(issue));
    }

    @Test
    void givenDetectedIssueOfAnotherKind_whenCreated_thenNotHeldToTheDecisionProfile() {
        DetectedIssue issue = new DetectedIssue();
        issue.setStatus(DetectedIssue.DetectedIssueStatus.FINAL);
        issue.setCode(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ActCode", "DUPTHPY", "Duplicate Therapy Alert")));
        issue.setPatient(new org.hl7.fhir.r4.model.Reference("Patient/" + patientId));

        created("DetectedIssue", json(issue));
    }

    @Test
    void givenDeclineWithOneImplicatedResource_whenCreated_then422() {
        DetectedIssue issue = LabResources.declinedRecognition(patientId, "Observation/a", "ServiceRequest/b", "emergency");
        issue.getImplicated().remove(1);

        refused("DetectedIssue", issue);
    }

    @Test
    void givenDeclineWithAnUnlistedReason_whenCreated_then422() {
        DetectedIssue issue = LabResources.declinedRecognition(patientId, "Observation/a", "ServiceRequest/b", "bored");

        refused("DetectedIssue", issue);
    }

    @Test
    void givenDeclineForAnOtherReasonWithoutANote_whenCreated_then422_andWithANoteAccepted() {
        DetectedIssue issue = LabResources.declinedRecognition(patientId, "Observation/a", "ServiceRequest/b", "other");

        refused("DetectedIssue", issue).body("issue.diagnostics", hasItem(containsString("mr-dec-1")));
        issue.setDetailElement(new StringType("Patient returned from abroad; result from a lab we cannot verify"));
        created("DetectedIssue", json(issue));
    }

    @Test
    void givenTransactionWithOneInvalidEntry_whenPosted_then422AndNothingStored() {
        String residentId = "3701021990" + Fixtures.unique().substring(0, 8);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = LabResources.patient(residentId);
        bundle.addEntry().setFullUrl("urn:uuid:11111111-1111-4111-8111-" + Fixtures.unique().substring(0, 12))
                .setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        Observation invalid = LabResources.observation(patientId, organizationId);
        invalid.setIssued(null);
        bundle.addEntry().setResource(invalid).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

        fhir().contentType(FHIR_JSON).body(json(bundle))
                .when().post("/")
                .then().statusCode(422)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue.expression.flatten()", hasItem("Bundle.entry[1].resource.issued"));
        fhir().queryParam("identifier", LabResources.RESIDENT_ID + "|" + residentId)
                .when().get("/Patient")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void givenInvalidUpdate_whenPut_then422AndTheStoredVersionKept() {
        Observation observation = LabResources.observation(patientId, organizationId);
        String id = created("Observation", json(observation));
        observation.setId(id);
        observation.setSubject(null);

        fhir().contentType(FHIR_JSON).body(json(observation))
                .when().put("/Observation/" + id)
                .then().statusCode(422);
        fhir().when().get("/Observation/" + id)
                .then().statusCode(200).body("meta.versionId", equalTo("1"))
                .body("subject.reference", equalTo("Patient/" + patientId));
    }

    @Test
    void givenObservationWithNarrative_whenIssuedMissing_thenHapisValidatorJudgesAndRefuses() {
        // Narrative XHTML is beyond the compiled validator: HAPI's validator decides instead.
        Observation observation = LabResources.observation(patientId, organizationId);
        observation.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Hb 13.5 g/dL</div>");
        created("Observation", json(observation));

        observation.setIssued(null);
        refused("Observation", observation)
                .body("issue.expression.flatten()", hasItem("Observation.issued"))
                .body("issue.extension.flatten().findAll { it.url.endsWith('operationoutcome-message-id') }.valueString",
                        hasItem("Validation_VAL_Profile_Minimum"));
    }

    private static ValidatableResponse refused(String type, Resource resource) {
        return fhir().contentType(FHIR_JSON).body(json(resource))
                .when().post("/" + type)
                .then().statusCode(422)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue.severity", hasItem("error"));
    }
}
