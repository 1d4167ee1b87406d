package org.hrgateway.telemetry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.hrgateway.support.Fixtures;
import org.hrgateway.support.Metrics;
import org.hrgateway.validation.LabResources;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.support.FhirApi.fhirAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator sees of requests: one log line each with the request's id, the same id in the
 * `X-Request-Id` header and in every OperationOutcome answered, and Prometheus metrics at /q/metrics
 * naming requests by FHIR interaction and resource type, with the domain's own figures.
 */
@QuarkusTest
class TelemetryTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private final List<String> requestLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (requestLines) {
                requestLines.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listenToTheRequestLog() {
        java.util.logging.Logger.getLogger("hr.requests").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        java.util.logging.Logger.getLogger("hr.requests").removeHandler(capture);
    }

    @Test
    void givenAClientsRequestId_whenTheRequestFails_thenTheOutcomeTheHeaderAndTheLogLineCarryIt() {
        String id = "client-" + Fixtures.unique();

        fhir().header("X-Request-Id", id).when().get("/Patient/" + Fixtures.unique())
                .then().statusCode(404)
                .header("X-Request-Id", id)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("id", equalTo(id));

        String line = lineFor(id);
        assertTrue(line.startsWith("GET /fhir/Patient/") && line.contains(" 404 ") && line.contains(" read Patient "), line);
    }

    @Test
    void givenNoUsableRequestId_whenAnswered_thenOneIsMadeAndGivenBack() {
        String made = fhir().header("X-Request-Id", "not usable: has spaces").when().get("/Patient/" + Fixtures.unique())
                .then().statusCode(404)
                .header("X-Request-Id", matchesPattern(UUID))
                .extract().header("X-Request-Id");
        fhir().when().get("/Patient/" + Fixtures.unique()).then().statusCode(404).body("id", matchesPattern(UUID));
        assertTrue(lineFor(made).contains(" 404 "));
    }

    @Test
    void givenARequestRefusedBeforeJaxRs_whenAnswered_thenItsOutcomeCarriesTheId() {
        String id = "too-long-" + Fixtures.unique();
        fhir().header("X-Request-Id", id).queryParam("name", "x".repeat(9000)).when().get("/Patient")
                .then().statusCode(414).header("X-Request-Id", id).body("id", equalTo(id));
    }

    @Test
    void givenAnUnauthenticatedRequest_whenRefused_thenItsOutcomeCarriesTheId() {
        String id = "anonymous-" + Fixtures.unique();
        fhirAs(null).header("X-Request-Id", id).when().get("/Observation")
                .then().statusCode(401).body("id", equalTo(id));
    }

    @Test
    void givenRequests_whenMetricsAreScraped_thenTheyAreNamedByInteractionAndTypeNotByUrl() throws InterruptedException {
        String patient = created("Patient", LabResources.json(LabResources.patient("3701" + Fixtures.unique())));
        Map<String, String> read = Map.of("interaction", "read", "resource_type", "Patient", "status", "200", "base", "city");
        Map<String, String> unknown = Map.of("interaction", "read", "resource_type", "unknown", "status", "404");
        double readsBefore = metric("http_server_requests_seconds_count", read);
        double unknownBefore = metric("http_server_requests_seconds_count", unknown);

        fhir().when().get("/Patient/" + patient).then().statusCode(200);
        fhir().when().get("/Patient/" + patient).then().statusCode(200);
        fhir().when().get("/NoSuchType" + Fixtures.unique() + "/1").then().statusCode(404);

        String scraped = scrapeOnce("http_server_requests_seconds_count", unknown, unknownBefore + 1);
        assertEquals(readsBefore + 2, metric(scraped, "http_server_requests_seconds_count", read));
        assertEquals(unknownBefore + 1, metric(scraped, "http_server_requests_seconds_count", unknown));
        assertFalse(scraped.contains(patient), "a resource id is never a label");
        assertFalse(scraped.contains("NoSuchType"), "neither is a type the gateway does not serve");
    }

    @Test
    void givenARecognizeCall_whenMetricsAreScraped_thenTheCallAndEachItemsReasonAreCounted() throws InterruptedException {
        String patient = created("Patient", LabResources.json(LabResources.patient("3701" + Fixtures.unique())));
        double calls = metric("hr_recognize_calls_total", Map.of("scope", "city"));
        double noPrior = metric("hr_recognize_results_total", Map.of("outcome", "not-recognized", "reason", "no-prior-result"));
        double operations = metric("http_server_requests_seconds_count",
                Map.of("interaction", "operation", "operation", "recognize", "resource_type", "Patient"));

        fhir().contentType(FHIR_JSON).body("""
                {"resourceType":"Parameters","parameter":[{"name":"code","valueCoding":{"system":"http://loinc.org","code":"718-7"}}]}""")
                .when().post("/Patient/" + patient + "/$recognize").then().statusCode(200);

        String scraped = scrapeOnce("http_server_requests_seconds_count",
                Map.of("interaction", "operation", "operation", "recognize", "resource_type", "Patient"), operations + 1);
        assertEquals(calls + 1, metric(scraped, "hr_recognize_calls_total", Map.of("scope", "city")));
        assertEquals(noPrior + 1, metric(scraped, "hr_recognize_results_total",
                Map.of("outcome", "not-recognized", "reason", "no-prior-result")));
        assertEquals(operations + 1, metric(scraped, "http_server_requests_seconds_count",
                Map.of("interaction", "operation", "operation", "recognize", "resource_type", "Patient")));
        assertTrue(metric(scraped, "hr_audit_write_seconds_count", Map.of()) > 0, "the call's audit event was written");
    }

    @Test
    void givenAWriteRefusedByTheProfile_whenMetricsAreScraped_thenItsRuleIsCounted() {
        String patient = created("Patient", LabResources.json(LabResources.patient("3701" + Fixtures.unique())));
        String organization = created("Organization", LabResources.json(LabResources.organization("ORG-" + Fixtures.unique())));
        Observation observation = LabResources.observation(patient, organization);
        observation.setSubject(null);
        double before = metric("hr_validation_failures_total", Map.of("resource_type", "Observation"));

        fhir().contentType(FHIR_JSON).body(LabResources.json(observation)).when().post("/Observation")
                .then().statusCode(422);

        String scraped = scrape();
        assertTrue(metric(scraped, "hr_validation_failures_total", Map.of("resource_type", "Observation")) > before);
        assertTrue(Pattern.compile("(?m)^hr_validation_failures_total\\{[^}]*rule=\"[^\"]+\"").matcher(scraped).find());
    }

    /** The request's line, written as its answer ends (which the client may see first): waited for up to 2 s. */
    private String lineFor(String requestId) {
        for (int wait = 0; wait < 20; wait++) {
            synchronized (requestLines) {
                java.util.Optional<String> line = requestLines.stream()
                        .filter(written -> written.endsWith("request-id=" + requestId)).findFirst();
                if (line.isPresent()) {
                    return line.get();
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (requestLines) {
            throw new AssertionError("no request line for " + requestId + " in " + requestLines);
        }
    }

    /**
     * The metrics once `name` with `labels` reached `atLeast` (within 2 s): a request is counted as its
     * answer ends, which the client may see first.
     */
    static String scrapeOnce(String name, Map<String, String> labels, double atLeast) throws InterruptedException {
        String scraped = scrape();
        for (int wait = 0; wait < 20 && metric(scraped, name, labels) < atLeast; wait++) {
            Thread.sleep(100);
            scraped = scrape();
        }
        return scraped;
    }

    static String scrape() {
        return RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static double metric(String name, Map<String, String> labels) {
        return metric(scrape(), name, labels);
    }

    static double metric(String scraped, String name, Map<String, String> labels) {
        return Metrics.value(scraped, name, labels);
    }
}
