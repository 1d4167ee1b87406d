package org.hrgateway.search;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Patient that a lab result still refers to cannot be deleted (409 conflict, naming the referrer),
 * alone or in a transaction; once the result is gone, or goes in the same transaction, it can.
 */
@QuarkusTest
class ReferentialIntegrityTest {

    private record PatientWithResult(String patient, String observation) {
    }

    private static PatientWithResult patientWithResult() {
        String patient = created("Patient", Fixtures.load("patient-resident.json"));
        String observation = created("Observation", SearchFixtures.load("observation-of-subject.json",
                "unique", Fixtures.unique(), "subject", "Patient/" + patient));
        return new PatientWithResult(patient, observation);
    }

    private static JsonPath transaction(String bundle, int status) {
        return fhir().contentType(FHIR_JSON).body(bundle).post("/")
                .then().statusCode(status)
                .extract().jsonPath();
    }

    @Test
    void givenObservationOfPatient_whenDeletePatient_then409ConflictNamingTheObservation() {
        PatientWithResult written = patientWithResult();

        fhir().when().delete("/Patient/" + written.patient())
                .then().statusCode(409)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].code", equalTo("conflict"))
                .body("issue[0].diagnostics", containsString("Observation/" + written.observation()))
                .body("issue[0].diagnostics", containsString("Patient/" + written.patient()));
        fhir().get("/Patient/" + written.patient()).then().statusCode(200).body("meta.versionId", equalTo("1"));
    }

    @Test
    void givenObservationOfPatient_whenConditionalDeletePatient_then409Conflict() {
        String value = "37010" + Fixtures.unique();
        String patient = created("Patient", SearchFixtures.load("patient-identified.json",
                "system", "http://hr-gateway.org/fhir/sid/resident-id", "value", value));
        String observation = created("Observation", SearchFixtures.load("observation-of-subject.json",
                "unique", Fixtures.unique(), "subject", "Patient/" + patient));

        fhir().queryParam("identifier", "http://hr-gateway.org/fhir/sid/resident-id|" + value)
                .when().delete("/Patient")
                .then().statusCode(409)
                .body("issue[0].code", equalTo("conflict"))
                .body("issue[0].diagnostics", containsString("Observation/" + observation));
        fhir().get("/Patient/" + patient).then().statusCode(200);
    }

    @Test
    void givenObservationDeletedFirst_whenDeletePatient_thenDeleted() {
        PatientWithResult written = patientWithResult();

        fhir().when().delete("/Observation/" + written.observation()).then().statusCode(200);
        fhir().when().delete("/Patient/" + written.patient()).then().statusCode(200);

        fhir().get("/Patient/" + written.patient()).then().statusCode(410);
    }

    @Test
    void givenObservationOfPatient_whenTransactionDeletesBoth_thenBothDeleted() {
        PatientWithResult written = patientWithResult();

        JsonPath response = transaction(SearchFixtures.load("transaction-delete-observation-and-patient.json",
                "patient", written.patient(), "observation", written.observation()), 200);

        assertEquals("transaction-response", response.getString("type"));
        assertEquals(List.of("200 OK", "200 OK"), response.getList("entry.response.status"));
        fhir().get("/Patient/" + written.patient()).then().statusCode(410);
        fhir().get("/Observation/" + written.observation()).then().statusCode(410);
    }

    @Test
    void givenObservationOfPatient_whenTransactionDeletesOnlyPatient_then409AndNothingDeleted() {
        PatientWithResult written = patientWithResult();

        JsonPath outcome = transaction(SearchFixtures.load("transaction-delete-patient.json",
                "patient", written.patient()), 409);

        assertEquals("OperationOutcome", outcome.getString("resourceType"));
        assertEquals("conflict", outcome.getString("issue[0].code"));
        assertEquals(true, outcome.getString("issue[0].diagnostics").contains("Observation/" + written.observation()),
                outcome.prettify());
        fhir().get("/Patient/" + written.patient()).then().statusCode(200).body("meta.versionId", equalTo("1"));
        fhir().get("/Observation/" + written.observation()).then().statusCode(200).body("meta.versionId", equalTo("1"));
    }

    /** `Patient/x` on another server is not this server's Patient/x: referring to it holds nothing here. */
    @Test
    void givenReferenceToSameIdOnAnotherServer_whenDeletePatient_thenDeleted() {
        String patient = created("Patient", Fixtures.load("patient-resident.json"));
        created("Observation", SearchFixtures.load("observation-of-subject.json", "unique", Fixtures.unique(),
                "subject", "http://other-gateway.example.org/fhir/Patient/" + patient));

        fhir().when().delete("/Patient/" + patient).then().statusCode(200);
    }
}
