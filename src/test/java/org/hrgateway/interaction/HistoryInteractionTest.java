package org.hrgateway.interaction;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FHIR history (http.html#history) at instance, type and system level, with `_count` paging and `_since`. */
@QuarkusTest
class HistoryInteractionTest {

    @Test
    void givenPatientWithThreeVersions_whenInstanceHistory_thenNewestFirstWithRequestAndResponse() {
        String unique = Fixtures.unique();
        String id = createPatient(unique);
        updatePatient(id, unique, "Second");
        updatePatient(id, unique, "Third");

        fhir().when().get("/Patient/" + id + "/_history")
                .then().statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("history"))
                .body("link.find { it.relation == 'self' }.url", endsWith("/fhir/Patient/" + id + "/_history?_count=50"))
                .body("entry", hasSize(3))
                .body("entry.fullUrl", everyItem(endsWith("/fhir/Patient/" + id)))
                .body("entry.resource.meta.versionId", equalTo(List.of("3", "2", "1")))
                .body("entry.resource.collect { it.name[0].given[0] }", equalTo(List.of("Third", "Second", "Wei")))
                .body("entry[0].request.method", equalTo("PUT"))
                .body("entry[0].request.url", equalTo("Patient/" + id))
                .body("entry[0].response.status", equalTo("200 OK"))
                .body("entry[0].response.etag", equalTo("W/\"3\""))
                .body("entry[0].response.lastModified", notNullValue())
                .body("entry[2].request.method", equalTo("PUT"))
                .body("entry[2].request.url", equalTo("Patient/" + id))
                .body("entry[2].response.status", equalTo("201 Created"))
                .body("entry[2].response.etag", equalTo("W/\"1\""));
    }

    @Test
    void givenPatientCreatedByPost_whenInstanceHistory_thenEntryRequestIsPostToType() {
        String id = fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-resident.json"))
                .when().post("/Patient").then().statusCode(201).extract().path("id");

        fhir().when().get("/Patient/" + id + "/_history")
                .then().statusCode(200)
                .body("entry", hasSize(1))
                .body("entry[0].fullUrl", endsWith("/fhir/Patient/" + id))
                .body("entry[0].resource.id", equalTo(id))
                .body("entry[0].request.method", equalTo("POST"))
                .body("entry[0].request.url", equalTo("Patient"))
                .body("entry[0].response.status", equalTo("201 Created"))
                .body("entry[0].response.etag", equalTo("W/\"1\""));
    }

    @Test
    void givenTwoNewPatients_whenTypeHistorySinceFirst_thenBothPresentNewestFirstAndOnlyPatients() {
        String first = createPatient(Fixtures.unique());
        String second = createPatient(Fixtures.unique());
        String since = lastUpdated("Patient", first);

        Response history = fhir().queryParam("_since", since).queryParam("_count", 1000)
                .when().get("/Patient/_history")
                .then().statusCode(200)
                .body("type", equalTo("history"))
                .body("entry.fullUrl", everyItem(matchesPattern(".*/fhir/Patient/[^/]+")))
                .extract().response();

        List<String> fullUrls = history.path("entry.fullUrl");
        int firstAt = indexOfEnding(fullUrls, "/Patient/" + first);
        int secondAt = indexOfEnding(fullUrls, "/Patient/" + second);
        assertTrue(firstAt >= 0, () -> "Patient/" + first + " missing from " + fullUrls);
        assertTrue(secondAt >= 0, () -> "Patient/" + second + " missing from " + fullUrls);
        assertTrue(secondAt < firstAt, "the newer Patient comes first");
    }

    @Test
    void givenPatientAndObservation_whenSystemHistorySinceFirst_thenBothPresent() {
        String patient = createPatient(Fixtures.unique());
        String observation = fhir().contentType(FHIR_JSON).body(Fixtures.load("observation-hemoglobin.json"))
                .when().post("/Observation").then().statusCode(201).extract().path("id");
        String since = lastUpdated("Patient", patient);

        List<String> fullUrls = fhir().queryParam("_since", since).queryParam("_count", 1000)
                .when().get("/_history")
                .then().statusCode(200)
                .body("type", equalTo("history"))
                .extract().path("entry.fullUrl");

        assertTrue(indexOfEnding(fullUrls, "/Patient/" + patient) >= 0, () -> "Patient missing from " + fullUrls);
        assertTrue(indexOfEnding(fullUrls, "/Observation/" + observation) >= 0,
                () -> "Observation missing from " + fullUrls);
    }

    @Test
    void givenSevenVersions_whenPagingWithCount3_thenEveryVersionExactlyOnceAcrossThreePages() {
        String unique = Fixtures.unique();
        String id = createPatient(unique);
        for (int i = 2; i <= 7; i++) {
            updatePatient(id, unique, "Version" + i);
        }

        Response page = fhir().queryParam("_count", 3).when().get("/Patient/" + id + "/_history")
                .then().statusCode(200).extract().response();
        List<Integer> pageSizes = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        while (true) {
            List<String> pageVersions = page.path("entry.resource.meta.versionId");
            pageSizes.add(pageVersions.size());
            versions.addAll(pageVersions);
            String next = page.path("link.find { it.relation == 'next' }.url");
            if (next == null) {
                break;
            }
            assertTrue(pageSizes.size() < 10, "paging does not end");
            page = fhir().when().get(next).then().statusCode(200).extract().response();
        }

        assertEquals(List.of(3, 3, 1), pageSizes);
        assertEquals(List.of("7", "6", "5", "4", "3", "2", "1"), versions);
    }

    @Test
    void givenPagingUnderway_whenNewVersionWritten_thenRemainingPagesNeitherRepeatNorIncludeIt() {
        String unique = Fixtures.unique();
        String id = createPatient(unique);
        for (int i = 2; i <= 5; i++) {
            updatePatient(id, unique, "Version" + i);
        }

        Response first = fhir().queryParam("_count", 2).when().get("/Patient/" + id + "/_history")
                .then().statusCode(200).extract().response();
        List<String> versions = new ArrayList<>(first.path("entry.resource.meta.versionId"));
        updatePatient(id, unique, "Version6");
        String next = first.path("link.find { it.relation == 'next' }.url");
        while (next != null) {
            Response page = fhir().when().get(next).then().statusCode(200).extract().response();
            versions.addAll(page.path("entry.resource.meta.versionId"));
            next = page.path("link.find { it.relation == 'next' }.url");
        }

        assertEquals(List.of("5", "4", "3", "2", "1"), versions);
    }

    @Test
    void givenTwoVersions_whenHistorySinceSecond_thenOnlySecond() throws InterruptedException {
        String unique = Fixtures.unique();
        String id = createPatient(unique);
        // lastUpdated has millisecond precision; the pause guarantees the two versions differ in it.
        Thread.sleep(20);
        updatePatient(id, unique, "Second");
        String v1 = lastUpdatedOfVersion(id, 1);
        String v2 = lastUpdatedOfVersion(id, 2);
        assertTrue(OffsetDateTime.parse(v1).isBefore(OffsetDateTime.parse(v2)));

        fhir().queryParam("_since", v2).when().get("/Patient/" + id + "/_history")
                .then().statusCode(200)
                .body("entry", hasSize(1))
                .body("entry[0].resource.meta.versionId", equalTo("2"))
                .body("link.find { it.relation == 'self' }.url", containsString("/Patient/" + id + "/_history?_count=50&_since="));
        fhir().queryParam("_since", v1).when().get("/Patient/" + id + "/_history")
                .then().statusCode(200)
                .body("entry.resource.meta.versionId", equalTo(List.of("2", "1")));
    }

    @Test
    void givenSinceInTheFuture_whenHistory_thenEmptyBundle() {
        String id = createPatient(Fixtures.unique());
        String tomorrow = Instant.now().plusSeconds(86_400).toString();

        fhir().queryParam("_since", tomorrow).when().get("/Patient/" + id + "/_history")
                .then().statusCode(200)
                .body("type", equalTo("history"))
                .body("entry", nullValue());
    }

    @Test
    void givenMalformedSince_whenHistory_then400Invalid() {
        String id = createPatient(Fixtures.unique());

        fhir().queryParam("_since", "yesterday").when().get("/Patient/" + id + "/_history")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics",
                        equalTo("_since must be a FHIR instant such as 2026-01-31T08:00:00Z, not yesterday"));
        fhir().queryParam("_since", "yesterday").when().get("/Patient/_history")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("invalid"));
    }

    @Test
    void givenNonNumericCount_whenHistory_then400Invalid() {
        String id = createPatient(Fixtures.unique());

        fhir().queryParam("_count", "ten").when().get("/Patient/" + id + "/_history")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", equalTo("_count must be a positive integer, not ten"));
    }

    @Test
    void givenZeroCount_whenHistory_then400Invalid() {
        fhir().queryParam("_count", "0").when().get("/Patient/_history")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", equalTo("_count must be a positive integer, not 0"));
    }

    @Test
    void givenUnknownId_whenHistory_then404NotFound() {
        String id = "never-" + Fixtures.unique();

        fhir().when().get("/Patient/" + id + "/_history")
                .then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-found"))
                .body("issue[0].diagnostics", equalTo("Patient/" + id + " is not known"));
    }

    @Test
    void givenDeletedPatient_whenHistory_thenStill200WithAllVersions() {
        String id = createPatient(Fixtures.unique());
        fhir().when().delete("/Patient/" + id).then().statusCode(200);

        fhir().when().get("/Patient/" + id + "/_history")
                .then().statusCode(200)
                .body("entry.request.method", equalTo(List.of("DELETE", "PUT")))
                .body("entry", hasSize(2));
    }

    /** Creates Patient/p-{unique} by update, so that its id is known before the server answers. */
    private static String createPatient(String unique) {
        String id = "p-" + unique;
        fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-resident-with-id.json", unique))
                .when().put("/Patient/" + id)
                .then().statusCode(201);
        return id;
    }

    private static void updatePatient(String id, String unique, String given) {
        String body = Fixtures.load("patient-resident-revision.json", unique).replace("${revision}", given);
        fhir().contentType(FHIR_JSON).body(body).when().put("/Patient/" + id).then().statusCode(200);
    }

    private static String lastUpdated(String type, String id) {
        String lastUpdated = fhir().when().get("/" + type + "/" + id).then().statusCode(200)
                .extract().path("meta.lastUpdated");
        assertNotNull(lastUpdated);
        return lastUpdated;
    }

    private static String lastUpdatedOfVersion(String id, int version) {
        return fhir().when().get("/Patient/" + id + "/_history/" + version).then().statusCode(200)
                .extract().path("meta.lastUpdated");
    }

    private static int indexOfEnding(List<String> urls, String suffix) {
        for (int i = 0; i < urls.size(); i++) {
            if (urls.get(i).endsWith(suffix)) {
                return i;
            }
        }
        return -1;
    }
}
