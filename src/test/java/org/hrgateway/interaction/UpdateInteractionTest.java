package org.hrgateway.interaction;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FHIR update (http.html#update): versioning, create-on-update, If-Match, body rules, concurrency. */
@QuarkusTest
class UpdateInteractionTest {

    private static final int CONCURRENT_UPDATES = 20;

    @Test
    void givenStoredPatient_whenUpdate_thenVersionTwoAndVersionOneUnchanged() {
        String unique = Fixtures.unique();
        String id = "p-" + unique;
        putPatient(id, Fixtures.load("patient-resident-with-id.json", unique)).then().statusCode(201);

        fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-resident-renamed.json", unique))
                .when().put("/Patient/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("id", equalTo(id))
                .body("meta.versionId", equalTo("2"))
                .body("name[0].family", equalTo("Wang"));

        fhir().when().get("/Patient/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("name[0].family", equalTo("Wang"));
        fhir().when().get("/Patient/" + id + "/_history/1")
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"1\""))
                .body("meta.versionId", equalTo("1"))
                .body("name[0].family", equalTo("Zhang"))
                .body("name[0].text", equalTo("张伟"));
    }

    @Test
    void givenClientIdNotYetKnown_whenUpdate_thenCreated201WithLocation() {
        String unique = Fixtures.unique();
        String id = "p-" + unique;

        putPatient(id, Fixtures.load("patient-resident-with-id.json", unique))
                .then().statusCode(201)
                .header("Location", endsWith("/fhir/Patient/" + id + "/_history/1"))
                .header("ETag", equalTo("W/\"1\""))
                .body("id", equalTo(id))
                .body("meta.versionId", equalTo("1"));

        fhir().when().get("/Patient/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("name[0].family", equalTo("Zhang"));
    }

    @Test
    void givenIfMatchWithCurrentVersion_whenUpdate_thenApplied() {
        String unique = Fixtures.unique();
        String id = "p-" + unique;
        putPatient(id, Fixtures.load("patient-resident-with-id.json", unique)).then().statusCode(201);

        fhir().contentType(FHIR_JSON).header("If-Match", "W/\"1\"")
                .body(Fixtures.load("patient-resident-renamed.json", unique))
                .when().put("/Patient/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("name[0].family", equalTo("Wang"));
    }

    @Test
    void givenIfMatchWithStaleVersion_whenUpdate_then412ConflictAndNothingChanged() {
        String unique = Fixtures.unique();
        String id = "p-" + unique;
        putPatient(id, Fixtures.load("patient-resident-with-id.json", unique)).then().statusCode(201);
        putPatient(id, Fixtures.load("patient-resident-renamed.json", unique)).then().statusCode(200);

        fhir().contentType(FHIR_JSON).header("If-Match", "W/\"1\"")
                .body(Fixtures.load("patient-resident-with-id.json", unique))
                .when().put("/Patient/" + id)
                .then().statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].code", equalTo("conflict"))
                .body("issue[0].diagnostics", equalTo(
                        "If-Match expected Patient/" + id + " at version 1 but its current version is 2"));

        fhir().when().get("/Patient/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("name[0].family", equalTo("Wang"));
    }

    @Test
    void givenBodyWithoutId_whenUpdate_then400AndNothingStored() {
        String unique = Fixtures.unique();
        String id = "p-" + unique;

        putPatient(id, Fixtures.load("patient-resident-without-id.json", unique))
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", equalTo(
                        "An update must carry the resource id in the body (expected '" + id + "')"));

        fhir().when().get("/Patient/" + id).then().statusCode(404);
    }

    @Test
    void givenBodyIdDifferentFromUrl_whenUpdate_then400AndStoredVersionUnchanged() {
        String unique = Fixtures.unique();
        String id = "p-" + unique;
        putPatient(id, Fixtures.load("patient-resident-with-id.json", unique)).then().statusCode(201);
        String otherId = "p-" + Fixtures.unique();

        fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-resident-renamed.json", unique))
                .when().put("/Patient/" + otherId)
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", equalTo(
                        "The body's id '" + id + "' does not match the URL's id '" + otherId + "'"));

        fhir().when().get("/Patient/" + otherId).then().statusCode(404);
        fhir().when().get("/Patient/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"1\""))
                .body("name[0].family", equalTo("Zhang"));
    }

    @Test
    void givenObservationBodyOnPatientUrl_whenUpdate_then400AndNothingStored() {
        String id = "p-" + Fixtures.unique();

        fhir().contentType(FHIR_JSON).body(Fixtures.load("observation-hemoglobin.json"))
                .when().put("/Patient/" + id)
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", equalTo("The body is a Observation but the URL names Patient"));

        fhir().when().get("/Patient/" + id).then().statusCode(404);
    }

    @Test
    void givenIdWithIllegalCharacters_whenUpdate_then400() {
        String unique = Fixtures.unique();
        String badId = "p_" + unique;
        String body = Fixtures.load("patient-resident-with-id.json", unique).replace("\"p-" + unique + "\"", "\"" + badId + "\"");

        putPatient(badId, body)
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("value"))
                .body("issue[0].diagnostics", equalTo("Invalid resource id '" + badId + "': 1 to 64 of A-Z a-z 0-9 - ."));
    }

    @Test
    void givenIdLongerThan64_whenUpdate_then400() {
        String unique = Fixtures.unique();
        String longId = "p-" + "x".repeat(63);
        String body = Fixtures.load("patient-resident-with-id.json", unique).replace("\"p-" + unique + "\"", "\"" + longId + "\"");

        putPatient(longId, body)
                .then().statusCode(400)
                .body("issue[0].code", equalTo("value"))
                .body("issue[0].diagnostics", equalTo("Invalid resource id '" + longId + "': 1 to 64 of A-Z a-z 0-9 - ."));
    }

    @Test
    void givenTwentyParallelUpdates_whenAllDone_thenHistoryHasVersions1To21WithoutGapsOrDuplicates() throws Exception {
        String unique = Fixtures.unique();
        String id = "p-" + unique;
        putPatient(id, Fixtures.load("patient-resident-with-id.json", unique)).then().statusCode(201);

        List<Response> responses = updateInParallel(id, unique);

        List<Integer> returnedVersions = new ArrayList<>();
        for (Response response : responses) {
            assertEquals(200, response.statusCode(), () -> "a parallel update failed: " + response.asString());
            returnedVersions.add(Integer.valueOf(response.<String>path("meta.versionId")));
        }
        assertEquals(IntStream.rangeClosed(2, CONCURRENT_UPDATES + 1).boxed().toList(),
                returnedVersions.stream().sorted().toList(), "each update must get its own version");

        Response history = fhir().queryParam("_count", 100).when().get("/Patient/" + id + "/_history")
                .then().statusCode(200).extract().response();
        List<String> versionIds = history.path("entry.resource.meta.versionId");
        List<String> newestFirst = IntStream.iterate(CONCURRENT_UPDATES + 1, v -> v >= 1, v -> v - 1)
                .mapToObj(String::valueOf).toList();
        assertEquals(newestFirst, versionIds);

        List<String> revisions = history.path("entry.resource.collect { it.name[0].given[0] }");
        List<String> expectedRevisions = new ArrayList<>(IntStream.range(0, CONCURRENT_UPDATES)
                .mapToObj(UpdateInteractionTest::revision).toList());
        expectedRevisions.add("Wei");
        assertEquals(expectedRevisions.stream().sorted().toList(), revisions.stream().sorted().toList(),
                "every update's content must be in exactly one version");

        fhir().when().get("/Patient/" + id)
                .then().statusCode(200).header("ETag", equalTo("W/\"" + (CONCURRENT_UPDATES + 1) + "\""));
    }

    /**
     * Parallel creates of one client id queue on the id: the first creates, the others update it in
     * turn, and the versions are 1..n without gaps.
     */
    @Test
    void givenTwentyParallelCreatesOfOneClientId_whenAllDone_thenOneCreatedOthersUpdatedInTurn()
            throws Exception {
        String unique = Fixtures.unique();
        String id = "p-" + unique;

        List<Response> responses = updateInParallel(id, unique);

        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
        assertEquals(Map.of(201, 1L, 200, (long) CONCURRENT_UPDATES - 1), byStatus);
        List<String> versionIds = fhir().queryParam("_count", 100).when().get("/Patient/" + id + "/_history")
                .then().statusCode(200).extract().path("entry.resource.meta.versionId");
        assertEquals(IntStream.iterate(CONCURRENT_UPDATES, v -> v >= 1, v -> v - 1).mapToObj(String::valueOf).toList(),
                versionIds);
    }

    private static List<Response> updateInParallel(String id, String unique) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_UPDATES);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_UPDATES; i++) {
                String body = Fixtures.load("patient-resident-revision.json", unique).replace("${revision}", revision(i));
                futures.add(pool.submit(() -> {
                    start.await();
                    return putPatient(id, body);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String revision(int i) {
        return "Revision" + i;
    }

    private static Response putPatient(String id, String body) {
        return fhir().contentType(FHIR_JSON).body(body).when().put("/Patient/" + id);
    }
}
