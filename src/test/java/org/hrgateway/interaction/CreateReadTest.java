package org.hrgateway.interaction;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.FHIR_XML;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CreateReadTest {

    @Test
    void givenPatient_whenCreate_then201WithLocationEtagAndServerId() {
        Response created = fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-resident.json"))
                .when().post("/Patient")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/fhir/Patient/[0-9a-f-]{36}/_history/1"))
                .header("ETag", equalTo("W/\"1\""))
                .header("Last-Modified", notNullValue())
                .contentType(startsWith(FHIR_JSON))
                .body("resourceType", equalTo("Patient"))
                .body("meta.versionId", equalTo("1"))
                .extract().response();
        String id = created.path("id");

        fhir().accept(FHIR_JSON).when().get("/Patient/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"1\""))
                .body("id", equalTo(id))
                .body("name[0].family", equalTo("Zhang"))
                .body("name[0].text", equalTo("张伟"))
                .body("meta.lastUpdated", equalTo(created.path("meta.lastUpdated")));
    }

    @Test
    void givenClientIdInBody_whenCreate_thenServerAssignsItsOwn() {
        String body = Fixtures.load("patient-resident.json").replaceFirst("\\{", "{\"id\":\"chosen-by-client\",");
        String id = fhir().contentType(FHIR_JSON).body(body)
                .when().post("/Patient")
                .then().statusCode(201).extract().path("id");
        assertEquals(36, id.length());
    }

    @Test
    void givenXmlBody_whenCreate_thenReadableAsJsonAndXml() {
        String xml = """
                <Patient xmlns="http://hl7.org/fhir">
                  <identifier><system value="http://hr-gateway.org/fhir/sid/resident-id"/><value value="X%s"/></identifier>
                  <name><family value="Li"/><given value="Na"/></name>
                  <gender value="female"/>
                </Patient>""".formatted(Fixtures.unique());
        String id = fhir().contentType(FHIR_XML).accept(FHIR_XML).body(xml)
                .when().post("/Patient")
                .then().statusCode(201).contentType(startsWith(FHIR_XML))
                .body("Patient.name.family.@value", equalTo("Li"))
                .extract().header("Location").replaceAll(".*/Patient/([^/]+)/_history/1", "$1");

        fhir().accept(FHIR_JSON).when().get("/Patient/" + id)
                .then().statusCode(200).body("name[0].given[0]", equalTo("Na"));
        fhir().queryParam("_format", "xml").when().get("/Patient/" + id)
                .then().statusCode(200).contentType(startsWith(FHIR_XML))
                .body("Patient.name.given.@value", equalTo("Na"));
    }

    @Test
    void givenPreferMinimal_whenCreate_thenNoBody() {
        fhir().contentType(FHIR_JSON).header("Prefer", "return=minimal").body(Fixtures.load("patient-resident.json"))
                .when().post("/Patient")
                .then().statusCode(201).header("Location", notNullValue()).body(equalTo(""));
    }

    @Test
    void givenPreferOperationOutcome_whenCreate_thenOutcomeBody() {
        fhir().contentType(FHIR_JSON).header("Prefer", "return=OperationOutcome").body(Fixtures.load("patient-resident.json"))
                .when().post("/Patient")
                .then().statusCode(201)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("information"))
                .body("issue[0].diagnostics", startsWith("Created Patient/"));
    }

    @Test
    void givenSummaryAndElements_whenRead_thenSubsettedAndTagged() {
        String id = fhir().contentType(FHIR_JSON).body(Fixtures.load("observation-hemoglobin.json"))
                .when().post("/Observation").then().statusCode(201).extract().path("id");

        fhir().queryParam("_elements", "code").when().get("/Observation/" + id)
                .then().statusCode(200)
                .body("code.coding[0].code", equalTo("718-7"))
                .body("valueQuantity", nullValue())
                .body("meta.tag.code", hasItem("SUBSETTED"));
        fhir().queryParam("_summary", "true").when().get("/Observation/" + id)
                .then().statusCode(200)
                .body("code.coding[0].code", equalTo("718-7"))
                .body("meta.tag.code", hasItem("SUBSETTED"));
        fhir().queryParam("_pretty", "true").when().get("/Observation/" + id)
                .then().statusCode(200).body(containsString("\n  \"resourceType\""));
    }

    @Test
    void givenUnknownId_whenRead_then404OperationOutcome() {
        fhir().when().get("/Patient/does-not-exist")
                .then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-found"))
                .body("issue[0].diagnostics", endsWith("Patient/does-not-exist is not known"));
    }
}
