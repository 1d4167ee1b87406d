package org.hrgateway.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.hrgateway.support.Fixtures;
import org.hrgateway.support.PackagePublished;
import org.hrgateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.support.FhirApi.fhirAs;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every interaction and operation against every kind of token: none, each way a token can be bad,
 * a scope that does not cover the call, the scope that does at the institution whose results the
 * call writes, the same scope at another institution. Keys and tokens are made by the test
 * ({@link TestTokens}); the gateway runs with security on, as in production.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTableTest {

    private static final String LOINC = "http://loinc.org";
    /** The institution whose results the calls write, and another one. */
    private static final String OWN = "SEC-OWN-" + Fixtures.unique();
    private static final String OTHER = "SEC-OTHER-" + Fixtures.unique();

    private String patient;
    private String observation;
    private String organization;

    /**
     * A call: how to make it with a request, the scope that allows it, one that does not, its success
     * status, and whether it writes results (which only their institution may).
     */
    record Call(String name, Function<RequestSpecification, Response> send, String allowing, String notAllowing,
                int success, boolean writes) {

        Call(String name, Function<RequestSpecification, Response> send, String allowing, String notAllowing,
             int success) {
            this(name, send, allowing, notAllowing, success, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Made on first use: the method sources run before Quarkus points REST Assured at the test port. */
    private void data() {
        if (patient != null) {
            return;
        }
        PackagePublished.await();
        organization = created("Organization", "{\"resourceType\":\"Organization\",\"identifier\":[{\"system\":\""
                + TestTokens.INSTITUTION_SYSTEM + "\",\"value\":\"" + OWN + "\"}]}");
        patient = created("Patient", "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":"
                + "\"http://hr-gateway.org/fhir/sid/resident-id\",\"value\":\"sec-" + Fixtures.unique() + "\"}]}");
        observation = created("Observation", observationJson());
    }

    /** The patient's Observation, performed by the institution the calls write for. */
    private String observationJson() {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"" + LOINC
                + "\",\"code\":\"718-7\"}]},\"subject\":{\"reference\":\"Patient/" + patient + "\"},"
                + "\"performer\":[{\"reference\":\"Organization/" + organization + "\"}]}";
    }

    /** What a patient's app may do: read and search within its patient's compartment, nothing else. */
    private static final java.util.Set<String> PATIENT_REACH = java.util.Set.of("read", "vread", "search", "search by POST");

    private List<Call> calls() {
        String recognize = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueCoding\":"
                + "{\"system\":\"" + LOINC + "\",\"code\":\"718-7\"}}]}";
        Function<String, String> transaction = observation -> "{\"resourceType\":\"Bundle\",\"type\":\"transaction\","
                + "\"entry\":[{\"resource\":" + observation + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("read", r -> r.get("/Observation/" + observation),
                "user/Observation.r", "user/Patient.r", 200));
        calls.add(new Call("vread", r -> r.get("/Observation/" + observation + "/_history/1"),
                "user/Observation.r", "user/Observation.s", 200));
        calls.add(new Call("search", r -> r.queryParam("code", LOINC + "|718-7").get("/Observation"),
                "user/Observation.s", "user/Observation.r", 200));
        calls.add(new Call("search by POST", r -> r.contentType("application/x-www-form-urlencoded")
                .formParam("code", LOINC + "|718-7").post("/Observation/_search"),
                "user/Observation.s", "user/Patient.s", 200));
        calls.add(new Call("history", r -> r.get("/Observation/" + observation + "/_history"),
                "user/Observation.r", "user/Observation.s", 200));
        calls.add(new Call("type history", r -> r.get("/Observation/_history"),
                "user/Observation.r", "user/Patient.r", 200));
        calls.add(new Call("system history", r -> r.get("/_history"),
                "user/*.r", "user/Observation.r", 200));
        calls.add(new Call("create", r -> r.contentType(FHIR_JSON).body(observationJson()).post("/Observation"),
                "user/Observation.c", "user/Observation.rs", 201, true));
        calls.add(new Call("update", r -> r.contentType(FHIR_JSON)
                .body(observationJson().replace("{\"resourceType\":\"Observation\",",
                        "{\"resourceType\":\"Observation\",\"id\":\"" + observation + "\","))
                .put("/Observation/" + observation), "user/Observation.u", "user/Observation.c", 200, true));
        calls.add(new Call("delete", r -> r.delete("/Observation/" + created("Observation", observationJson())),
                "user/Observation.d", "user/Observation.cru", 200, true));
        calls.add(new Call("transaction", r -> r.contentType(FHIR_JSON).body(transaction.apply(observationJson())).post(""),
                "user/Observation.c", "user/Observation.rs", 200, true));
        calls.add(new Call("$recognize", r -> r.contentType(FHIR_JSON).body(recognize)
                .post("/Patient/" + patient + "/$recognize"),
                "user/Observation.rs user/DiagnosticReport.rs", "user/Observation.rs", 200));
        calls.add(new Call("$recognition-report", r -> r.queryParam("period-start", "2026-01-01")
                .queryParam("period-end", "2026-12-31").get("/$recognition-report"),
                "user/AuditEvent.r user/DetectedIssue.r", "user/AuditEvent.r", 200));
        calls.add(new Call("$reindex", r -> r.queryParam("type", "SearchParameter").post("/$reindex"),
                "system/*.cruds", "user/*.cruds", 200));
        calls.add(new Call("$expand", r -> r.queryParam("url", "http://hr-gateway.org/fhir/ValueSet/mr-category")
                .get("/ValueSet/$expand"), "user/ValueSet.r", "user/CodeSystem.r", 200));
        calls.add(new Call("$lookup", r -> r.queryParam("system", "http://hr-gateway.org/fhir/CodeSystem/mr-category")
                .queryParam("code", "hematology").get("/CodeSystem/$lookup"), "user/CodeSystem.r", "user/ValueSet.r", 200));
        calls.add(new Call("instance $validate", r -> r.get("/Observation/" + observation + "/$validate"),
                "user/Observation.r", "user/Patient.r", 200));
        return calls;
    }

    Stream<Arguments> everyCallWithEveryBadToken() {
        List<Arguments> rows = new ArrayList<>();
        for (Call call : calls()) {
            rows.add(Arguments.of(call, "no token", null));
            TestTokens.invalid().forEach((why, token) -> rows.add(Arguments.of(call, why, token)));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everyCallWithEveryBadToken")
    void givenNoValidToken_whenCalled_then401Login(Call call, String why, String token) {
        data();
        call.send().apply(fhirAs(token)).then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer realm=\"hr-gateway\""))
                .header("WWW-Authenticate", token == null ? org.hamcrest.Matchers.not(containsString("invalid_token"))
                        : containsString("error=\"invalid_token\""))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("login"));
    }

    Stream<Call> everyCall() {
        return calls().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void givenAScopeThatDoesNotCoverTheCall_whenCalled_then403Forbidden(Call call) {
        data();
        call.send().apply(fhirAs(TestTokens.user(OWN, call.notAllowing()))).then().statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("forbidden"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void givenTheScopeThatCoversTheCall_whenCalled_thenAnswered(Call call) {
        data();
        Response response = call.send().apply(fhirAs(TestTokens.user(OWN, call.allowing())));
        assertEquals(call.success(), response.statusCode(), call + ": " + response.asString());
    }

    /** Reads are shared between hospitals (that is mutual recognition); writes stay with their institution. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void givenTheScopeThatCoversTheCallAtAnotherInstitution_whenCalled_thenReadsAreAnsweredAndWrites403(Call call) {
        data();
        Response response = call.send().apply(fhirAs(TestTokens.user(OTHER, call.allowing())));
        assertEquals(call.writes() ? 403 : call.success(), response.statusCode(), call + ": " + response.asString());
        if (call.writes()) {
            assertEquals("forbidden", response.path("issue[0].code"), response.asString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void givenAnEs256Token_whenCalled_thenVerifiedAsAnRs256OneIs(Call call) {
        data();
        Response response = call.send().apply(fhirAs(TestTokens.userEs256(OWN, call.allowing())));
        assertEquals(call.success(), response.statusCode(), call + ": " + response.asString());
    }

    @Test
    void givenSmartV1Scopes_whenCalled_thenReadAndWriteMeanTheirV2Letters() {
        data();
        fhirAs(TestTokens.user(OWN, "user/Observation.read")).get("/Observation/" + observation).then().statusCode(200);
        fhirAs(TestTokens.user(OWN, "user/Observation.read")).contentType(FHIR_JSON).body(observationJson())
                .post("/Observation").then().statusCode(403);
        fhirAs(TestTokens.user(OWN, "user/Observation.write")).contentType(FHIR_JSON).body(observationJson())
                .post("/Observation").then().statusCode(201);
        fhirAs(TestTokens.user(OWN, "user/*.*")).get("/_history").then().statusCode(200);
    }

    /**
     * The call's scope as a `patient/` scope of the patient whose Observation the calls read: reads and
     * searches in that patient's compartment are answered, the rest is 403 (PatientScopeApiTest: the
     * compartment's edges).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void givenThePatientScope_whenCalled_thenOnlyReadsAndSearchesInTheCompartmentAreAnswered(Call call) {
        data();
        String token = TestTokens.patient(patient, call.allowing().replace("user/", "patient/").replace("system/", "patient/"));
        Response response = call.send().apply(fhirAs(token));
        assertEquals(PATIENT_REACH.contains(call.name()) ? call.success() : 403, response.statusCode(),
                call + ": " + response.asString());
    }

    @Test
    void givenTheOpenEndpoints_whenCalledWithoutAToken_thenAnswered() {
        data();
        fhirAs(null).get("/metadata").then().statusCode(200).body("resourceType", equalTo("CapabilityStatement"));
        fhirAs(null).get("/.well-known/smart-configuration").then().statusCode(200)
                .body("capabilities", hasItem("permission-v2"))
                .body("scopes_supported", hasItem("user/Observation.rs"))
                .body("issuer", equalTo(TestTokens.ISSUER));
        RestAssured.given().basePath("/").get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void givenABatchWithAnEntryTheScopesDoNotCover_whenPosted_thenThatEntryIs403AndTheOtherIsDone() {
        data();
        String batch = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
                + "{\"resource\":" + observationJson() + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}},"
                + "{\"resource\":{\"resourceType\":\"Patient\",\"active\":true,\"managingOrganization\":{\"reference\":"
                + "\"Organization/" + organization + "\"}},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}]}";
        fhirAs(TestTokens.user(OWN, "user/Patient.c")).contentType(FHIR_JSON).body(batch).post("")
                .then().statusCode(200)
                .body("entry[0].response.status", startsWith403())
                .body("entry[0].response.outcome.issue[0].code", equalTo("forbidden"))
                .body("entry[1].response.status", org.hamcrest.Matchers.startsWith("201"));
    }

    @Test
    void givenATransactionWithAnEntryTheScopesDoNotCover_whenPosted_thenNothingIsStored() {
        data();
        String marker = "sec-tx-" + Fixtures.unique();
        String transaction = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"resource\":{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test\",\"value\":\""
                + marker + "\"}]},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},"
                + "{\"resource\":" + observationJson() + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";
        fhirAs(TestTokens.user(OWN, "user/Patient.c")).contentType(FHIR_JSON).body(transaction).post("")
                .then().statusCode(403).body("issue[0].code", equalTo("forbidden"))
                .body("issue[0].diagnostics", containsString("Bundle.entry[1]"));
        fhir().queryParam("identifier", "urn:test|" + marker).get("/Patient").then().statusCode(200)
                .body("total", equalTo(0));
    }

    private static org.hamcrest.Matcher<String> startsWith403() {
        return org.hamcrest.Matchers.startsWith("403");
    }

    @Test
    void givenTheSystemToken_whenEveryCallIsMade_thenEachIsAnswered() {
        data();
        for (Call call : calls()) {
            Response response = call.send().apply(fhir());
            assertEquals(call.success(), response.statusCode(), call + ": " + response.asString());
        }
    }

    @Test
    void givenTheInvalidTokens_whenListed_thenEveryKindTheIssueNamesIsThere() {
        data();
        assertEquals(List.of("HMAC signed with the public key", "alg none", "bad signature", "expired", "malformed",
                        "not yet valid", "oversized", "unknown issuer", "unknown key", "wrong audience"),
                TestTokens.invalid().keySet().stream().sorted().toList());
    }
}
