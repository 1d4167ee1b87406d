package org.hrgateway.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.hrgateway.support.Fixtures;
import org.hrgateway.support.PackagePublished;
import org.hrgateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.support.FhirApi.fhirAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every read or search that returns a patient's data leaves an AuditEvent per patient (BALP
 * PatientRead / PatientQuery), found by patient, agent and date; what is no patient's data leaves none.
 */
@QuarkusTest
class PatientAccessAuditTest {

    private String institution;
    private String token;
    private String patient;
    private String other;
    private String observation;

    @BeforeEach
    void data() {
        PackagePublished.await();
        institution = "AUD-" + Fixtures.unique();
        token = TestTokens.user(institution, "user/*.rs");
        patient = created("Patient", "{\"resourceType\":\"Patient\",\"active\":true}");
        other = created("Patient", "{\"resourceType\":\"Patient\",\"active\":true}");
        observation = created("Observation", observation(patient));
        created("Observation", observation(other));
    }

    private String observation(String subject) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":"
                + "\"http://loinc.org\",\"code\":\"" + institution + "\"}]},\"subject\":{\"reference\":\"Patient/"
                + subject + "\"}}";
    }

    /** The AuditEvents the test's clinician left, as the audit trail's searches find them. */
    private List<Map<String, Object>> events(String... criteria) {
        var request = fhir().queryParam("altid", "dr-" + institution).queryParam("_count", "100");
        for (int i = 0; i < criteria.length; i += 2) {
            request = request.queryParam(criteria[i], criteria[i + 1]);
        }
        List<Map<String, Object>> found = request.get("/AuditEvent").then().statusCode(200).extract().jsonPath()
                .getList("entry.resource");
        return found == null ? List.of() : found;
    }

    @Test
    void givenARead_whenAnswered_thenAPatientReadEventNamesWhoWhichPatientAndWhat() {
        fhirAs(token).get("/Observation/" + observation).then().statusCode(200);
        List<Map<String, Object>> events = events("patient", "Patient/" + patient);
        assertEquals(1, events.size(), events.toString());
        JsonPath event = new JsonPath(fhir().get("/AuditEvent/" + events.get(0).get("id")).asString());
        assertEquals("rest", event.getString("type.code"));
        assertEquals("read", event.getString("subtype[0].code"));
        assertEquals("R", event.getString("action"));
        assertEquals("0", event.getString("outcome"));
        assertEquals("Practitioner/dr-" + institution, event.getString("agent[0].who.reference"));
        assertEquals("dr-" + institution, event.getString("agent[0].altId"));
        assertEquals(true, event.getBoolean("agent[0].requestor"));
        assertEquals(institution, event.getString("agent[1].who.identifier.value"));
        assertEquals(TestTokens.INSTITUTION_SYSTEM, event.getString("agent[1].who.identifier.system"));
        assertEquals("Patient/" + patient, event.getString("entity[0].what.reference"));
        assertEquals("Observation/" + observation + "/_history/1", event.getString("entity[1].what.reference"));
        // Found by the practitioner too, and by the day it was recorded.
        assertEquals(1, fhir().queryParam("agent", "Practitioner/dr-" + institution)
                .queryParam("date", "ge" + LocalDate.now().minusDays(1)).queryParam("patient", "Patient/" + patient)
                .get("/AuditEvent").then().extract().jsonPath().getList("entry").size());
    }

    @Test
    void givenASearch_whenItReturnsTwoPatientsData_thenOnePatientQueryEventEachWithTheQuery() {
        fhirAs(token).queryParam("code", "http://loinc.org|" + institution).get("/Observation")
                .then().statusCode(200).body("entry.size()", equalTo(2));
        List<Map<String, Object>> events = events("subtype", "search-type");
        assertEquals(2, events.size(), events.toString());
        JsonPath first = new JsonPath(fhir().get("/AuditEvent/" + events.get(0).get("id")).asString());
        assertEquals("E", first.getString("action"));
        String query = new String(Base64.getDecoder().decode(first.getString("entity[1].query")), StandardCharsets.UTF_8);
        assertTrue(query.startsWith("Observation?code=http"), query);
        assertEquals(1, events("patient", "Patient/" + patient).size());
        assertEquals(1, events("patient", "Patient/" + other).size());
    }

    @Test
    void givenASearchThatFindsNothing_whenAnswered_thenNoEvent() {
        fhirAs(token).queryParam("code", "http://loinc.org|nothing-" + institution).get("/Observation")
                .then().statusCode(200);
        fhirAs(token).get("/Organization").then().statusCode(200);
        assertEquals(0, events().size());
    }

    @Test
    void givenIncludedPatients_vreadHistoryAndABatchRead_whenAnswered_thenEachIsAudited() {
        fhirAs(token).queryParam("code", "http://loinc.org|" + institution).queryParam("_include", "Observation:subject")
                .get("/Observation").then().statusCode(200).body("entry.size()", equalTo(4));
        assertEquals(2, events("subtype", "search-type").size());
        fhirAs(token).get("/Observation/" + observation + "/_history/1").then().statusCode(200);
        assertEquals(1, events("subtype", "vread").size());
        fhirAs(token).get("/Observation/" + observation + "/_history").then().statusCode(200);
        assertEquals(1, events("subtype", "history-instance").size());
        fhirAs(token).get("/Patient/" + other + "/_history").then().statusCode(200);
        assertEquals(2, events("subtype", "history-instance").size());
        String batch = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"request\":{\"method\":\"GET\","
                + "\"url\":\"Patient/" + patient + "\"}}]}";
        fhirAs(token).contentType(FHIR_JSON).body(batch).post("").then().statusCode(200);
        assertEquals(2, events("subtype", "read").size() + events("subtype", "vread").size());
    }

    @Test
    void givenTheAuditTrail_whenRead_thenItsReadsAreNotAuditedAgain() {
        fhirAs(token).get("/Observation/" + observation).then().statusCode(200);
        String auditor = TestTokens.user("AUDITOR-" + institution, "user/AuditEvent.rs");
        fhirAs(auditor).queryParam("altid", "dr-" + institution).get("/AuditEvent").then().statusCode(200)
                .body("entry.resource.entity.what.reference.flatten()", hasItems("Patient/" + patient));
        fhir().queryParam("altid", "dr-AUDITOR-" + institution).get("/AuditEvent").then().statusCode(200)
                .body("total", equalTo(0));
    }

    /** A create whose If-None-Exist matches shows the match only to a caller who may read it, and audits it. */
    @Test
    void givenAConditionalCreateThatMatches_whenTheCallerMayOnlyCreate_thenTheMatchIsNotShown() {
        String body = observation(patient).replace("\"status\"", "\"identifier\":[{\"system\":\"urn:test\",\"value\":\""
                + institution + "\"}],\"status\"");
        fhir().contentType(FHIR_JSON).body(body).post("/Observation").then().statusCode(201);
        fhirAs(TestTokens.user(institution, "user/Observation.c")).contentType(FHIR_JSON)
                .header("If-None-Exist", "identifier=urn:test|" + institution).body(body).post("/Observation")
                .then().statusCode(200).body("resourceType", equalTo("OperationOutcome"));
        assertEquals(0, events().size());
        fhirAs(TestTokens.user(institution, "user/Observation.cr")).contentType(FHIR_JSON)
                .header("If-None-Exist", "identifier=urn:test|" + institution).body(body).post("/Observation")
                .then().statusCode(200).body("resourceType", equalTo("Observation"));
        assertEquals(1, events("subtype", "read").size());
    }

    /**
     * Events wait as rows until stored as resources (ADR 0014); every way of reading the trail finds
     * them at once: included, by `_has`, and in the system history.
     */
    @Test
    void givenEventsJustRecorded_whenTheTrailIsReadInAnyWay_thenTheyAreThere() {
        fhirAs(token).get("/Observation/" + observation).then().statusCode(200);
        fhir().queryParam("_id", patient).queryParam("_revinclude", "AuditEvent:patient").get("/Patient")
                .then().statusCode(200).body("entry.resource.resourceType", hasItems("Patient", "AuditEvent"));

        fhirAs(token).get("/Patient/" + other).then().statusCode(200);
        fhir().queryParam("_id", other).queryParam("_has:AuditEvent:patient:altid", "dr-" + institution)
                .queryParam("_summary", "count").get("/Patient").then().statusCode(200).body("total", equalTo(1));

        fhirAs(token).get("/Observation/" + observation).then().statusCode(200);
        List<String> requestors = fhir().queryParam("_count", "20").get("/_history").then().statusCode(200).extract()
                .jsonPath().getList("entry.resource.agent.altId.flatten()");
        assertTrue(requestors.contains("dr-" + institution), requestors.toString());
    }
}
