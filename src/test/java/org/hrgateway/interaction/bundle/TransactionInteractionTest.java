package org.hrgateway.interaction.bundle;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class TransactionInteractionTest {

    @Test
    void givenPlaceholderAndConditionalReferences_whenTransaction_thenAllCreatedAndReferencesRewritten() {
        String unique = Fixtures.unique();
        JsonPath response = postBundle(Fixtures.load("transaction-lab-report.json", unique), 200);

        assertEquals("transaction-response", response.getString("type"));
        assertEquals(List.of("201 Created", "201 Created", "201 Created", "201 Created"),
                response.getList("entry.response.status"));
        String organization = idFrom(response.getString("entry[0].response.location"));
        String patient = idFrom(response.getString("entry[1].response.location"));
        String observation = idFrom(response.getString("entry[2].response.location"));
        String report = idFrom(response.getString("entry[3].response.location"));

        fhir().get("/Observation/" + observation).then().statusCode(200)
                .body("subject.reference", equalTo("Patient/" + patient))
                .body("performer[0].reference", equalTo("Organization/" + organization));
        fhir().get("/DiagnosticReport/" + report).then().statusCode(200)
                .body("subject.reference", equalTo("Patient/" + patient))
                .body("result[0].reference", equalTo("Observation/" + observation));

        // The reference index holds the resolved ids: a condition on them finds the new Observation.
        fhir().contentType(FHIR_JSON)
                .header("If-None-Exist", "patient=Patient/" + patient + "&performer=Organization/" + organization)
                .body(Fixtures.load("observation-hemoglobin.json"))
                .post("/Observation")
                .then().statusCode(200).body("id", equalTo(observation));
    }

    @Test
    void givenSameTransactionTwice_whenPosted_thenConditionalCreatesMatchAndNothingIsDuplicated() {
        String unique = Fixtures.unique();
        JsonPath first = postBundle(Fixtures.load("transaction-lab-report.json", unique), 200);
        JsonPath second = postBundle(Fixtures.load("transaction-lab-report.json", unique), 200);

        assertEquals("200 OK", second.getString("entry[0].response.status"));
        assertEquals("200 OK", second.getString("entry[1].response.status"));
        assertEquals(first.getString("entry[1].response.location"), second.getString("entry[1].response.location"));
        String patient = idFrom(first.getString("entry[1].response.location"));
        String secondObservation = idFrom(second.getString("entry[2].response.location"));
        fhir().get("/Observation/" + secondObservation).then().statusCode(200)
                .body("subject.reference", equalTo("Patient/" + patient));
    }

    @Test
    void givenFailingLastEntry_whenTransaction_thenNothingIsStored() {
        String unique = Fixtures.unique();
        String existing = fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-resident.json"))
                .post("/Patient").then().statusCode(201).extract().path("id");
        String bundle = Fixtures.load("transaction-lab-report.json", unique).replaceFirst("\\]\\s*}\\s*$", Matcher.quoteReplacement("""
                ,{
                  "resource": {"resourceType": "Patient", "id": "%s", "gender": "female"},
                  "request": {"method": "PUT", "url": "Patient/%s", "ifMatch": "W/\\"7\\""}
                }]}""".formatted(existing, existing)));

        JsonPath outcome = postBundle(bundle, 412);
        assertEquals("OperationOutcome", outcome.getString("resourceType"));
        assertEquals("conflict", outcome.getString("issue[0].code"));

        // None of the four creates before the failing update survived.
        fhir().contentType(FHIR_JSON).header("Prefer", "return=minimal")
                .header("If-None-Exist", "identifier=http://hr-gateway.org/fhir/sid/resident-id|res-" + unique)
                .body("{\"resourceType\":\"Patient\"}")
                .post("/Patient").then().statusCode(201);
        fhir().get("/Patient/" + existing).then().statusCode(200).body("meta.versionId", equalTo("1"));
    }

    @Test
    void givenConditionalReferenceWithoutMatch_whenTransaction_then412AndNothingStored() {
        String unique = Fixtures.unique();
        String bundle = Fixtures.load("transaction-lab-report.json", unique)
                .replace("Organization?identifier=http://hr-gateway.org/fhir/sid/institution-code|org-" + unique,
                        "Organization?identifier=http://hr-gateway.org/fhir/sid/institution-code|nobody");

        JsonPath outcome = postBundle(bundle, 412);
        assertEquals("not-found", outcome.getString("issue[0].code"));
        assertEquals(true, outcome.getString("issue[0].diagnostics").contains("matches 0 resources"));
        fhir().contentType(FHIR_JSON).header("Prefer", "return=minimal")
                .header("If-None-Exist", "identifier=http://hr-gateway.org/fhir/sid/institution-code|org-" + unique)
                .body("{\"resourceType\":\"Organization\"}")
                .post("/Organization").then().statusCode(201);
    }

    @Test
    void givenDeleteAndReadEntries_whenTransaction_thenProcessedInOneGo() {
        String doomed = fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-resident.json"))
                .post("/Patient").then().statusCode(201).extract().path("id");
        String kept = fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-resident.json"))
                .post("/Patient").then().statusCode(201).extract().path("id");
        String bundle = """
                {"resourceType": "Bundle", "type": "transaction", "entry": [
                  {"request": {"method": "GET", "url": "Patient/%s"}},
                  {"request": {"method": "DELETE", "url": "Patient/%s"}},
                  {"request": {"method": "GET", "url": "Patient/%s/_history/1"}}
                ]}""".formatted(kept, doomed, kept);

        JsonPath response = postBundle(bundle, 200);
        assertEquals(List.of("200 OK", "200 OK", "200 OK"), response.getList("entry.response.status"));
        assertEquals(kept, response.getString("entry[0].resource.id"));
        assertEquals(kept, response.getString("entry[2].resource.id"));
        fhir().get("/Patient/" + doomed).then().statusCode(410);
    }

    @Test
    void givenTwoEntriesWritingOneResource_whenTransaction_then400Duplicate() {
        String bundle = """
                {"resourceType": "Bundle", "type": "transaction", "entry": [
                  {"resource": {"resourceType": "Patient", "id": "twice"}, "request": {"method": "PUT", "url": "Patient/twice"}},
                  {"request": {"method": "DELETE", "url": "Patient/twice"}}
                ]}""";
        JsonPath outcome = postBundle(bundle, 400);
        assertEquals("duplicate", outcome.getString("issue[0].code"));
    }

    @Test
    void givenCollectionBundle_whenPostedToBase_then400() {
        JsonPath outcome = postBundle("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}", 400);
        assertEquals("invalid", outcome.getString("issue[0].code"));
        assertEquals(true, outcome.getString("issue[0].diagnostics").contains("transaction or batch"));
    }

    @Test
    void givenEntryWithMismatchedType_whenTransaction_then400NamingTheEntry() {
        String bundle = """
                {"resourceType": "Bundle", "type": "transaction", "entry": [
                  {"resource": {"resourceType": "Patient"}, "request": {"method": "POST", "url": "Observation"}}
                ]}""";
        JsonPath outcome = postBundle(bundle, 400);
        assertEquals(true, outcome.getString("issue[0].diagnostics").startsWith("Bundle.entry[0]"));
    }

    @Test
    void givenBatchWithOneBadEntry_whenPosted_thenOthersSucceedAndBadOneCarriesItsOutcome() {
        String unique = Fixtures.unique();
        String bundle = """
                {"resourceType": "Bundle", "type": "batch", "entry": [
                  {"resource": {"resourceType": "Patient", "identifier": [{"system": "urn:test", "value": "%s"}]},
                   "request": {"method": "POST", "url": "Patient"}},
                  {"resource": {"resourceType": "Patient", "id": "other"}, "request": {"method": "PUT", "url": "Patient/mismatch-%s"}},
                  {"request": {"method": "GET", "url": "Patient/never-%s"}}
                ]}""".formatted(unique, unique, unique);

        JsonPath response = postBundle(bundle, 200);
        assertEquals("batch-response", response.getString("type"));
        assertEquals(List.of("201 Created", "400 Bad Request", "404 Not Found"), response.getList("entry.response.status"));
        assertEquals("OperationOutcome", response.getString("entry[1].response.outcome.resourceType"));
        assertEquals("not-found", response.getString("entry[2].response.outcome.issue[0].code"));
        String created = idFrom(response.getString("entry[0].response.location"));
        fhir().get("/Patient/" + created).then().statusCode(200).body("identifier[0].value", equalTo(unique));
    }

    @Test
    void givenPreferRepresentation_whenTransaction_thenEntriesCarryResources() {
        fhir().contentType(FHIR_JSON).header("Prefer", "return=representation")
                .body(Fixtures.load("transaction-lab-report.json"))
                .post("/")
                .then().statusCode(200)
                .body("entry.resource.resourceType", equalTo(List.of("Organization", "Patient", "Observation", "DiagnosticReport")))
                .body("entry[2].resource.subject.reference", startsWith("Patient/"));
    }

    @Test
    void givenMoreEntriesThanTheLimit_whenPosted_then413() {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            entries.append(i == 0 ? "" : ",").append("{\"request\":{\"method\":\"GET\",\"url\":\"Patient/p").append(i).append("\"}}");
        }
        JsonPath outcome = postBundle("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + entries + "]}", 413);
        assertEquals("too-costly", outcome.getString("issue[0].code"));
    }

    private static JsonPath postBundle(String bundle, int status) {
        return fhir().contentType(FHIR_JSON).body(bundle)
                .post("/")
                .then().statusCode(status)
                .extract().jsonPath();
    }

    private static String idFrom(String location) {
        String[] parts = location.split("/");
        return parts[parts.length - 3];
    }
}
