package org.hrgateway.interaction;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** FHIR delete (http.html#delete): soft delete as a new version, 410 afterwards, idempotent, re-creatable. */
@QuarkusTest
class DeleteInteractionTest {

    @Test
    void givenStoredPatient_whenDelete_then200OperationOutcomeWithNewVersion() {
        String id = created("Patient", Fixtures.load("patient-resident.json"));

        fhir().when().delete("/Patient/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("information"))
                .body("issue[0].diagnostics", equalTo("Deleted Patient/" + id + "/_history/2"));
    }

    @Test
    void givenDeletedPatient_whenRead_then410Deleted() {
        String id = created("Patient", Fixtures.load("patient-resident.json"));
        fhir().when().delete("/Patient/" + id).then().statusCode(200);

        fhir().when().get("/Patient/" + id)
                .then().statusCode(410)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("deleted"))
                .body("issue[0].diagnostics", equalTo("Patient/" + id + " was deleted (version 2)"));
    }

    @Test
    void givenDeletedPatient_whenVreadEarlierVersion_then200WithOldContent() {
        String id = created("Patient", Fixtures.load("patient-resident.json"));
        fhir().when().delete("/Patient/" + id).then().statusCode(200);

        fhir().when().get("/Patient/" + id + "/_history/1")
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"1\""))
                .body("id", equalTo(id))
                .body("name[0].family", equalTo("Zhang"));
    }

    @Test
    void givenDeletedPatient_whenVreadDeleteVersion_then410Deleted() {
        String id = created("Patient", Fixtures.load("patient-resident.json"));
        fhir().when().delete("/Patient/" + id).then().statusCode(200);

        fhir().when().get("/Patient/" + id + "/_history/2")
                .then().statusCode(410)
                .body("issue[0].code", equalTo("deleted"))
                .body("issue[0].diagnostics", equalTo("Patient/" + id + " was deleted (version 2)"));
    }

    @Test
    void givenDeletedPatient_whenDeleteAgain_then200AndNoNewVersion() {
        String id = created("Patient", Fixtures.load("patient-resident.json"));
        fhir().when().delete("/Patient/" + id).then().statusCode(200);

        fhir().when().delete("/Patient/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", equalTo("Patient/" + id + " was already deleted"));

        fhir().when().get("/Patient/" + id + "/_history")
                .then().statusCode(200)
                .body("entry", hasSize(2));
    }

    @Test
    void givenNeverExistingId_whenDelete_then404() {
        String id = "never-" + Fixtures.unique();

        fhir().when().delete("/Patient/" + id)
                .then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-found"))
                .body("issue[0].diagnostics", equalTo("Patient/" + id + " does not exist"));

        fhir().when().get("/Patient/" + id + "/_history").then().statusCode(404);
    }

    @Test
    void givenDeletedPatient_whenPut_thenRecreated201AsVersion3() {
        String unique = Fixtures.unique();
        String id = "p-" + unique;
        fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-resident-with-id.json", unique))
                .when().put("/Patient/" + id).then().statusCode(201);
        fhir().when().delete("/Patient/" + id).then().statusCode(200);

        fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-resident-renamed.json", unique))
                .when().put("/Patient/" + id)
                .then().statusCode(201)
                .header("Location", endsWith("/fhir/Patient/" + id + "/_history/3"))
                .header("ETag", equalTo("W/\"3\""))
                .body("meta.versionId", equalTo("3"));

        fhir().when().get("/Patient/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"3\""))
                .body("name[0].family", equalTo("Wang"));
    }

    @Test
    void givenDeletedPatient_whenHistory_thenDeleteEntryWithoutResource() {
        String id = created("Patient", Fixtures.load("patient-resident.json"));
        fhir().when().delete("/Patient/" + id).then().statusCode(200);

        Response history = fhir().when().get("/Patient/" + id + "/_history")
                .then().statusCode(200)
                .body("entry", hasSize(2))
                .body("entry[0].fullUrl", endsWith("/fhir/Patient/" + id))
                .body("entry[0].request.method", equalTo("DELETE"))
                .body("entry[0].request.url", equalTo("Patient/" + id))
                .body("entry[0].response.status", equalTo("200 OK"))
                .body("entry[0].response.etag", equalTo("W/\"2\""))
                .body("entry[0].resource", nullValue())
                .body("entry[1].request.method", equalTo("POST"))
                .body("entry[1].resource.meta.versionId", equalTo("1"))
                .extract().response();
        List<String> methods = history.path("entry.request.method");
        assertEquals(List.of("DELETE", "POST"), methods);
    }
}
