package org.hrgateway.interaction;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Conditional create (http.html#ccreate), update (#cond-update) and delete (#delete), matched by
 * identifier; the condition must match at most one resource.
 */
@QuarkusTest
class ConditionalInteractionTest {

    private static final String RESIDENT_ID = "http://hr-gateway.org/fhir/sid/resident-id";
    private static final String LIS_ID = "http://hospital.example.cn/lis";
    private static final int CONCURRENT_CREATES = 10;

    // --- conditional create -------------------------------------------------------------------

    @Test
    void givenNoMatch_whenIfNoneExistCreate_then201() {
        String unique = Fixtures.unique();

        conditionalCreate(unique)
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/fhir/Patient/[0-9a-f-]{36}/_history/1"))
                .body("identifier[0].value", equalTo("37010" + unique));
    }

    @Test
    void givenOneMatch_whenIfNoneExistCreate_then200WithExistingAndNothingCreated() {
        String unique = Fixtures.unique();
        String id = conditionalCreate(unique).then().statusCode(201).extract().path("id");

        conditionalCreate(unique)
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"1\""))
                .body("id", equalTo(id))
                .body("meta.versionId", equalTo("1"));

        // A second resource would make the same condition ambiguous (412); 200 with the same id shows there is one.
        conditionalCreate(unique)
                .then().statusCode(200)
                .body("id", equalTo(id));
    }

    @Test
    void givenTwoMatches_whenIfNoneExistCreate_then412MultipleMatches() {
        String unique = Fixtures.unique();
        created("Patient", Fixtures.load("patient-resident.json", unique));
        created("Patient", Fixtures.load("patient-resident.json", unique));

        conditionalCreate(unique)
                .then().statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("multiple-matches"))
                .body("issue[0].diagnostics", equalTo("2 Patient resources match '" + residentCondition(unique)
                        + "'; the condition must match at most one"));
    }

    @Test
    void givenUnknownSearchParameter_whenIfNoneExistCreate_then400AndNothingStored() {
        String unique = Fixtures.unique();

        fhir().contentType(FHIR_JSON).header("If-None-Exist", "foo=bar")
                .body(Fixtures.load("patient-resident.json", unique))
                .when().post("/Patient")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-supported"))
                .body("issue[0].diagnostics", equalTo("Unknown or unsupported search parameter 'foo' for Patient"));

        conditionalDelete("Patient", RESIDENT_ID + "|37010" + unique).then().statusCode(404);
    }

    @Test
    void givenTenParallelIfNoneExistCreates_whenAllDone_thenExactlyOneResource() throws Exception {
        String unique = Fixtures.unique();

        List<Response> responses = createInParallel(unique);

        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
        assertEquals(Map.of(201, 1L, 200, (long) CONCURRENT_CREATES - 1), byStatus,
                () -> "one create and the rest answered with it; got " + byStatus);
        List<String> ids = responses.stream().map(response -> response.<String>path("id")).distinct().toList();
        assertEquals(1, ids.size(), () -> "all answers name the same resource: " + ids);

        conditionalCreate(unique)
                .then().statusCode(200)
                .body("id", equalTo(ids.get(0)));
    }

    // --- conditional update -------------------------------------------------------------------

    @Test
    void givenNoMatch_whenConditionalUpdate_thenCreated201() {
        String unique = Fixtures.unique();

        String location = conditionalUpdate(unique, Fixtures.load("patient-resident-without-id.json", unique))
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/fhir/Patient/[0-9a-f-]{36}/_history/1"))
                .body("meta.versionId", equalTo("1"))
                .extract().header("Location");
        String id = location.replaceAll(".*/Patient/([^/]+)/_history/1", "$1");

        fhir().when().get("/Patient/" + id)
                .then().statusCode(200)
                .body("identifier[0].value", equalTo("37010" + unique))
                .body("name[0].family", equalTo("Wang"));
    }

    @Test
    void givenNoMatchAndIdInBody_whenConditionalUpdate_thenCreatedWithThatId() {
        String unique = Fixtures.unique();
        String id = "p-" + unique;

        conditionalUpdate(unique, Fixtures.load("patient-resident-with-id.json", unique))
                .then().statusCode(201)
                .header("Location", endsWith("/fhir/Patient/" + id + "/_history/1"))
                .body("id", equalTo(id));
    }

    @Test
    void givenOneMatch_whenConditionalUpdate_thenThatResourceUpdatedToVersion2() {
        String unique = Fixtures.unique();
        String id = created("Patient", Fixtures.load("patient-resident.json", unique));

        conditionalUpdate(unique, Fixtures.load("patient-resident-without-id.json", unique))
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("id", equalTo(id))
                .body("meta.versionId", equalTo("2"))
                .body("name[0].family", equalTo("Wang"));

        fhir().when().get("/Patient/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("name[0].family", equalTo("Wang"));
    }

    @Test
    void givenOneMatchWithOtherId_whenConditionalUpdateWithBodyId_then400AndMatchUnchanged() {
        String unique = Fixtures.unique();
        String id = created("Patient", Fixtures.load("patient-resident.json", unique));

        conditionalUpdate(unique, Fixtures.load("patient-resident-with-id.json", unique))
                .then().statusCode(400)
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", equalTo(
                        "The body's id 'p-" + unique + "' does not match the URL's id '" + id + "'"));

        fhir().when().get("/Patient/" + id).then().statusCode(200).header("ETag", equalTo("W/\"1\""));
        fhir().when().get("/Patient/p-" + unique).then().statusCode(404);
    }

    @Test
    void givenTwoMatches_whenConditionalUpdate_then412MultipleMatchesAndNeitherChanged() {
        String unique = Fixtures.unique();
        String first = created("Patient", Fixtures.load("patient-resident.json", unique));
        String second = created("Patient", Fixtures.load("patient-resident.json", unique));

        conditionalUpdate(unique, Fixtures.load("patient-resident-without-id.json", unique))
                .then().statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("multiple-matches"))
                .body("issue[0].diagnostics", startsWith("2 Patient resources match '"))
                .body("issue[0].diagnostics", containsString(unique))
                .body("issue[0].diagnostics", endsWith("'; the condition must match at most one"));

        fhir().when().get("/Patient/" + first).then().statusCode(200).header("ETag", equalTo("W/\"1\""));
        fhir().when().get("/Patient/" + second).then().statusCode(200).header("ETag", equalTo("W/\"1\""));
    }

    // --- conditional delete -------------------------------------------------------------------

    @Test
    void givenOneMatch_whenConditionalDelete_thenThatResourceDeleted() {
        String unique = Fixtures.unique();
        String id = created("Observation", Fixtures.load("observation-hemoglobin.json", unique));

        conditionalDelete("Observation", LIS_ID + "|hb-" + unique)
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", equalTo("Deleted Observation/" + id + "/_history/2"));

        fhir().when().get("/Observation/" + id)
                .then().statusCode(410)
                .body("issue[0].code", equalTo("deleted"));
    }

    @Test
    void givenNoMatch_whenConditionalDelete_then404() {
        String unique = Fixtures.unique();

        conditionalDelete("Observation", LIS_ID + "|hb-" + unique)
                .then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-found"))
                .body("issue[0].diagnostics", startsWith("No Observation matches '"))
                .body("issue[0].diagnostics", containsString("hb-" + unique));
    }

    @Test
    void givenTwoMatches_whenConditionalDelete_then412AndNeitherDeleted() {
        String unique = Fixtures.unique();
        String first = created("Observation", Fixtures.load("observation-hemoglobin.json", unique));
        String second = created("Observation", Fixtures.load("observation-hemoglobin.json", unique));

        conditionalDelete("Observation", LIS_ID + "|hb-" + unique)
                .then().statusCode(412)
                .body("issue[0].code", equalTo("multiple-matches"))
                .body("issue[0].diagnostics", startsWith("2 Observation resources match '"));

        fhir().when().get("/Observation/" + first).then().statusCode(200);
        fhir().when().get("/Observation/" + second).then().statusCode(200);
    }

    @Test
    void givenNoCriteria_whenConditionalDelete_then400() {
        fhir().when().delete("/Observation")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", equalTo("A conditional Observation request needs at least one search criterion"));
    }

    // --- helpers ------------------------------------------------------------------------------

    private static String residentCondition(String unique) {
        return "identifier=" + RESIDENT_ID + "|37010" + unique;
    }

    private static Response conditionalCreate(String unique) {
        return fhir().contentType(FHIR_JSON).header("If-None-Exist", residentCondition(unique))
                .body(Fixtures.load("patient-resident.json", unique))
                .when().post("/Patient");
    }

    private static Response conditionalUpdate(String unique, String body) {
        return fhir().contentType(FHIR_JSON).queryParam("identifier", RESIDENT_ID + "|37010" + unique).body(body)
                .when().put("/Patient");
    }

    private static Response conditionalDelete(String type, String identifier) {
        return fhir().queryParam("identifier", identifier).when().delete("/" + type);
    }

    private static List<Response> createInParallel(String unique) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_CREATES);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_CREATES; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return conditionalCreate(unique);
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
}
