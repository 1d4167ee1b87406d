package org.hrgateway.operation.validate;

import io.quarkus.test.junit.QuarkusTest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.CodeType;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.validation.LabResources.json;
import org.hrgateway.validation.LabResources;

/** `$validate` answers the validator's findings as an OperationOutcome, without storing anything. */
@QuarkusTest
class ValidateOperationTest {

    private String patientId;
    private String organizationId;

    @BeforeEach
    void givenAPatientAndAHospital() {
        patientId = created("Patient", json(LabResources.patient("37010219700101" + Fixtures.unique().substring(0, 4))));
        organizationId = created("Organization", json(LabResources.organization("ORG-" + Fixtures.unique())));
    }

    @Test
    void givenConformantObservation_whenValidated_then200WithoutErrors() {
        fhir().contentType(FHIR_JSON).body(json(LabResources.observation(patientId, organizationId)))
                .when().post("/Observation/$validate")
                .then().statusCode(200)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue.severity", not(hasItem("error")));
    }

    @Test
    void givenObservationWithoutIssued_whenValidated_then200WithTheErrorAndNothingStored() {
        Observation observation = LabResources.observation(patientId, organizationId);
        observation.setIssued(null);
        observation.addIdentifier().setSystem("http://example.org/lab").setValue("validate-" + Fixtures.unique());

        fhir().contentType(FHIR_JSON).body(json(observation))
                .when().post("/Observation/$validate")
                .then().statusCode(200)
                .body("issue.find { it.severity == 'error' }.expression[0]", equalTo("Observation.issued"));
        fhir().queryParam("identifier", observation.getIdentifierFirstRep().getSystem() + "|"
                        + observation.getIdentifierFirstRep().getValue())
                .when().get("/Observation").then().body("total", equalTo(0));
    }

    @Test
    void givenUnprofiledObservation_whenValidatedAgainstAProfileParameter_thenItsRulesApply() {
        Observation observation = LabResources.observation(patientId, organizationId);
        observation.getMeta().getProfile().clear();
        observation.setIssued(null);
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("resource").setResource(observation);
        parameters.addParameter().setName("profile").setValue(new UriType(LabResources.PROFILE + "mr-observation"));

        fhir().contentType(FHIR_JSON).body(json(parameters))
                .when().post("/Observation/$validate")
                .then().statusCode(200)
                .body("issue.severity", hasItem("error"));
        fhir().contentType(FHIR_JSON).body(json(observation))
                .when().post("/Observation/$validate")
                .then().statusCode(200)
                .body("issue.severity", not(hasItem("error")));
    }

    @Test
    void givenStoredObservation_whenValidatedByInstance_thenTheStoredVersionIsChecked() {
        String id = created("Observation", json(LabResources.observation(patientId, organizationId)));

        fhir().when().get("/Observation/" + id + "/$validate")
                .then().statusCode(200).body("issue.severity", everyItem(not(equalTo("error"))));
        fhir().queryParam("profile", LabResources.PROFILE + "mr-diagnosticreport")
                .when().get("/Observation/" + id + "/$validate")
                .then().statusCode(200).body("issue.severity", hasItem("error"));
    }

    @Test
    void givenReferencedPatient_whenDeleteValidated_thenErrorNamingTheReferrer() {
        created("Observation", json(LabResources.observation(patientId, organizationId)));
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("mode").setValue(new CodeType("delete"));

        fhir().contentType(FHIR_JSON).body(json(parameters))
                .when().post("/Patient/" + patientId + "/$validate")
                .then().statusCode(200)
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].code", equalTo("conflict"));
        fhir().when().get("/Patient/" + patientId).then().statusCode(200);
    }

    @Test
    void givenBadParameters_whenValidated_then400() {
        String body = json(LabResources.observation(patientId, organizationId));
        fhir().contentType(FHIR_JSON).body(body).queryParam("mode", "destroy")
                .when().post("/Observation/$validate").then().statusCode(400);
        fhir().contentType(FHIR_JSON).body(body).queryParam("profile", "http://example.org/StructureDefinition/none")
                .when().post("/Observation/$validate").then().statusCode(400);
        fhir().when().post("/Observation/$validate").then().statusCode(400);
        Parameters wrongType = new Parameters();
        wrongType.addParameter().setName("resource").setResource(LabResources.patient("x"));
        wrongType.addParameter().setName("note").setValue(new StringType("x"));
        fhir().contentType(FHIR_JSON).body(json(wrongType))
                .when().post("/Observation/$validate").then().statusCode(400);
    }
}
