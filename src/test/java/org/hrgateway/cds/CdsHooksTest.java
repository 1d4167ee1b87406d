package org.hrgateway.cds;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hrgateway.operation.recognize.RecognitionWorld;
import org.hrgateway.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.support.FhirApi.fhirAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CDS Hooks service through its HTTP contract (https://cds-hooks.hl7.org/2.0/): discovery, hook
 * calls with and without the patient prefetched, and feedback recorded as mutual recognition counts it.
 */
@QuarkusTest
class CdsHooksTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String SIGN = "hr-recognition-order-sign";
    private static final String SELECT = "hr-recognition-order-select";
    private static final String HAEMOGLOBIN = "718-7";
    private static final String GLUCOSE = "2345-7";
    /** The requester of the workstation's draft orders. */
    private static final String ORDERING_HOSPITAL = "Organization/cds-hospital-" + UUID.randomUUID().toString().substring(0, 8);

    @TestHTTPResource("/fhir")
    URL base;

    /** A person with a recognizable haemoglobin from yesterday, at a certified laboratory, and nothing else. */
    private record Scene(RecognitionWorld world, String patient, String result, String labName) {
    }

    private static Scene scene() {
        RecognitionWorld world = new RecognitionWorld();
        String patient = world.patient("mrn-cds");
        String lab = world.lab("hematology", "2020-01-01", "2099-12-31");
        Instant taken = Instant.now().minus(Duration.ofDays(1));
        String result = world.observation(patient, HAEMOGLOBIN, "final", true, taken, taken.plus(Duration.ofHours(2)), lab);
        String labName = fhir().when().get("/Organization/" + lab).then().statusCode(200).extract().path("name");
        return new Scene(world, patient, result, labName);
    }

    @Test
    void givenNoToken_whenDiscovered_thenBothServicesWithTheirHooksAndThePatientPrefetch() {
        fhirAs(null).when().get("/cds-services").then().statusCode(200)
                .body("services.id", hasItems(SIGN, SELECT))
                .body("services.find { it.id == '" + SIGN + "' }.hook", equalTo("order-sign"))
                .body("services.find { it.id == '" + SELECT + "' }.hook", equalTo("order-select"))
                .body("services[0].prefetch.patient", equalTo("Patient/{{context.patientId}}"));
    }

    @Test
    void givenARecognizableResult_whenOrderSign_thenOneCardForItsOrderAndNoneForTheOther() {
        Scene scene = scene();
        JsonPath cards = call(SIGN, hook("order-sign", scene, true, null), "zh-CN").then().statusCode(200)
                .extract().jsonPath();

        assertEquals(1, cards.getList("cards").size());
        // In Chinese, the item named by the catalogue's designation, the reasons to re-test too.
        assertTrue(cards.getString("cards[0].summary").startsWith("血红蛋白：") && cards.getString("cards[0].summary")
                .contains("有效期至"), cards.getString("cards[0].summary"));
        assertTrue(cards.getList("cards[0].overrideReasons.display").contains("病情变化"));
        assertEquals("info", cards.getString("cards[0].indicator"));
        String detail = cards.getString("cards[0].detail");
        assertTrue(detail.contains("13.2 g/dL") && detail.contains(scene.labName()) && detail.contains("HR"), detail);
        assertEquals("delete", cards.getString("cards[0].suggestions[0].actions[0].type"));
        assertEquals(List.of("ServiceRequest/draft-hb"), cards.getList("cards[0].suggestions[0].actions[0].resourceId"));
        assertTrue(cards.getString("cards[0].links[0].url").endsWith("/Observation/" + scene.result() + "?_format=html"));
        assertTrue(cards.getList("cards[0].overrideReasons.code").containsAll(List.of("condition-changed", "rapid-change")));
        UUID.fromString(cards.getString("cards[0].uuid"));
    }

    @Test
    void givenEnglishPreferred_whenCalled_thenTheCardIsInEnglish() {
        Scene scene = scene();
        call(SIGN, hook("order-sign", scene, true, null), "en-GB,en;q=0.9").then().statusCode(200)
                .body("cards[0].summary", containsString("Hemoglobin [Mass/volume] in Blood: a recognizable result"))
                .body("cards[0].overrideReasons.display", hasItem("Condition changed"))
                .body("cards[0].suggestions[0].label", equalTo("Cancel this order and use the existing result"));
    }

    @Test
    void givenNoPrefetch_whenTheWorkstationsFhirServerIsNamed_thenThePatientIsReadFromItWithItsToken() {
        Scene scene = scene();
        String body = hook("order-sign", scene, false, Map.of("fhirServer", base.toString(),
                "fhirAuthorization", Map.of("access_token", TestTokens.system(), "token_type", "Bearer",
                        "expires_in", 300, "scope", "system/Patient.r", "subject", "cds")));
        call(SIGN, body, null).then().statusCode(200).body("cards.size()", equalTo(1));

        String refused = hook("order-sign", scene, false, Map.of("fhirServer", base.toString(),
                "fhirAuthorization", Map.of("access_token", "not-a-token", "token_type", "Bearer")));
        call(SIGN, refused, null).then().statusCode(412).body("issue[0].diagnostics", containsString("401"));
    }

    @Test
    void givenNoPrefetchAndNoFhirServer_whenCalled_then412() {
        call(SIGN, hook("order-sign", scene(), false, null), null).then().statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("fhirServer"));
    }

    @Test
    void givenOrderSelect_whenOnlyTheOtherOrderIsSelected_thenNoCard() {
        Scene scene = scene();
        call(SELECT, hook("order-select", scene, true, Map.of("selections", List.of("ServiceRequest/draft-glucose"))), null)
                .then().statusCode(200).body("cards.size()", equalTo(0));
        call(SELECT, hook("order-select", scene, true, Map.of("selections", List.of("ServiceRequest/draft-hb"))), null)
                .then().statusCode(200).body("cards.size()", equalTo(1));
    }

    @Test
    void givenAPersonUnknownHere_whenCalled_thenNoCard() {
        Scene scene = scene();
        Patient stranger = patientOf("37" + UUID.randomUUID().toString().substring(0, 8));
        String body = hook("order-sign", scene, true, null).replace(FHIR.newJsonParser().encodeResourceToString(
                prefetchedPatient(scene)), FHIR.newJsonParser().encodeResourceToString(stranger));
        call(SIGN, body, null).then().statusCode(200).body("cards.size()", equalTo(0));
    }

    @Test
    void givenACardOverriddenWithAReason_whenFeedbackIsSent_thenTheReasonedDecisionIsRecordedOnce() {
        Scene scene = scene();
        String card = call(SIGN, hook("order-sign", scene, true, null), null).then().statusCode(200)
                .extract().path("cards[0].uuid");
        String feedback = feedback(card, "overridden", "condition-changed", "Fever since this morning");

        fhir().contentType("application/json").body(feedback).when().post("/cds-services/" + SIGN + "/feedback")
                .then().statusCode(200);
        fhir().contentType("application/json").body(feedback).when().post("/cds-services/" + SIGN + "/feedback")
                .then().statusCode(200);

        Bundle issues = FHIR.newJsonParser().parseResource(Bundle.class, fhir()
                .queryParam("implicated", "Observation/" + scene.result()).when().get("/DetectedIssue")
                .then().statusCode(200).extract().asString());
        assertEquals(1, issues.getEntry().size());
        org.hl7.fhir.r4.model.DetectedIssue issue = (org.hl7.fhir.r4.model.DetectedIssue) issues.getEntryFirstRep().getResource();
        assertEquals("condition-changed", issue.getMitigationFirstRep().getAction().getCodingFirstRep().getCode());
        assertEquals("Patient/" + scene.patient(), issue.getPatient().getReference());
        assertTrue(issue.getImplicated().stream().map(Reference::getReference).anyMatch(ref -> ref.endsWith("ServiceRequest/draft-hb")));
        assertEquals("Fever since this morning", issue.getDetail());

        // The order, once stored, is a reasoned re-test: no repeat is raised against it.
        ServiceRequest order = RecognitionWorld.orderOf(scene.patient(), null, HAEMOGLOBIN);
        fhir().contentType("application/fhir+json").body(RecognitionWorld.json(order)).when().post("/ServiceRequest")
                .then().statusCode(201);
        fhir().queryParam("implicated", "Observation/" + scene.result()).when().get("/DetectedIssue")
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void givenACardAccepted_whenFeedbackIsSent_thenTheReportCountsAnOrderReplaced() throws Exception {
        Instant start = Instant.now();
        Thread.sleep(5);
        Scene scene = scene();
        String card = call(SIGN, hook("order-sign", scene, true, null), null).then().statusCode(200)
                .extract().path("cards[0].uuid");

        fhir().contentType("application/json").body(feedback(card, "accepted", null, null))
                .when().post("/cds-services/" + SIGN + "/feedback").then().statusCode(200);
        fhir().contentType("application/json").body(feedback(card, "accepted", null, null))
                .when().post("/cds-services/" + SIGN + "/feedback").then().statusCode(200);

        Thread.sleep(5);
        Instant end = Instant.now();
        MeasureReport report = report(start, end, null);
        assertEquals(1, ordersReplaced(report));
        assertEquals(1, ordersReplaced(report(start, end, ORDERING_HOSPITAL)));
        assertEquals(0, ordersReplaced(report(start, end, "Organization/another-hospital")));
        // The hook call itself was a $recognize call, audited and counted like any other.
        assertTrue(report.getGroup().stream().filter(group -> group.getCode().getText().equals("items")).findFirst()
                .orElseThrow().getPopulation().stream().anyMatch(population -> population.getCode().getText()
                        .equals("recognized") && population.getCount() >= 1));
    }

    @Test
    void givenBadFeedback_whenSent_thenEachIsRefusedAndNothingIsRecorded() {
        Scene scene = scene();
        String card = call(SIGN, hook("order-sign", scene, true, null), null).then().statusCode(200)
                .extract().path("cards[0].uuid");
        String url = "/cds-services/" + SIGN + "/feedback";
        fhir().contentType("application/json").body(feedback(UUID.randomUUID().toString(), "accepted", null, null))
                .when().post(url).then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
        fhir().contentType("application/json").body(feedback(card, "ignored", null, null))
                .when().post(url).then().statusCode(400).body("issue[0].diagnostics", containsString("outcome"));
        fhir().contentType("application/json").body(feedback(card, "overridden", "felt-like-it", null))
                .when().post(url).then().statusCode(400).body("issue[0].diagnostics", containsString("overrideReasons"));
        fhir().contentType("application/json").body("{\"feedback\": \"yes\"}")
                .when().post(url).then().statusCode(400);
        fhir().contentType("application/json").body(feedback(card, "accepted", null, null))
                .when().post("/cds-services/" + SELECT + "/feedback").then().statusCode(404);
        fhir().queryParam("implicated", "Observation/" + scene.result()).when().get("/DetectedIssue")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void givenBadCalls_whenSent_thenEachGetsItsStatusAndAnOperationOutcome() {
        Scene scene = scene();
        fhirAs(null).contentType("application/json").body(hook("order-sign", scene, true, null))
                .when().post("/cds-services/" + SIGN).then().statusCode(401);
        call("no-such-service", hook("order-sign", scene, true, null), null).then().statusCode(404)
                .body("issue[0].diagnostics", containsString("cds-services"));
        call(SIGN, "not json", null).then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        call(SIGN, hook("order-select", scene, true, Map.of("selections", List.of())), null).then().statusCode(400)
                .body("issue[0].diagnostics", containsString("order-sign"));
        call(SIGN, "{\"hook\":\"order-sign\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"}}", null)
                .then().statusCode(400).body("issue[0].diagnostics", containsString("draftOrders"));
        call(SELECT, hook("order-select", scene, true, null), null).then().statusCode(400)
                .body("issue[0].diagnostics", containsString("selections"));
    }

    private static MeasureReport report(Instant start, Instant end, String organization) {
        RequestSpecification request = fhir().queryParam("period-start", start.toString())
                .queryParam("period-end", end.toString());
        if (organization != null) {
            request.queryParam("organization", organization);
        }
        return FHIR.newJsonParser().parseResource(MeasureReport.class,
                request.when().get("/$recognition-report").then().statusCode(200).extract().asString());
    }

    private static int ordersReplaced(MeasureReport report) {
        return report.getGroup().stream().filter(group -> group.getCode().getText().equals("orders-replaced"))
                .findFirst().orElseThrow().getPopulationFirstRep().getCount();
    }

    private static io.restassured.response.Response call(String service, String body, String language) {
        RequestSpecification request = fhir().contentType("application/json").body(body);
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return request.when().post("/cds-services/" + service);
    }

    /** A hook call about the scene's person ordering haemoglobin and glucose; `extra` adds or replaces fields. */
    private static String hook(String hook, Scene scene, boolean prefetch, Map<String, Object> extra) {
        Bundle drafts = new Bundle().setType(Bundle.BundleType.COLLECTION);
        drafts.addEntry().setResource(draft("draft-hb", HAEMOGLOBIN));
        drafts.addEntry().setResource(draft("draft-glucose", GLUCOSE));
        StringBuilder context = new StringBuilder("{\"userId\":\"Practitioner/doc-1\",\"patientId\":\"")
                .append(scene.patient()).append("\",\"draftOrders\":")
                .append(FHIR.newJsonParser().encodeResourceToString(drafts));
        StringBuilder call = new StringBuilder("{\"hook\":\"").append(hook).append("\",\"hookInstance\":\"")
                .append(UUID.randomUUID()).append("\"");
        if (extra != null) {
            for (Map.Entry<String, Object> field : extra.entrySet()) {
                if (field.getKey().equals("selections")) {
                    context.append(",\"selections\":").append(jsonOf(field.getValue()));
                } else {
                    call.append(",\"").append(field.getKey()).append("\":").append(jsonOf(field.getValue()));
                }
            }
        }
        call.append(",\"context\":").append(context).append("}");
        if (prefetch) {
            call.append(",\"prefetch\":{\"patient\":")
                    .append(FHIR.newJsonParser().encodeResourceToString(prefetchedPatient(scene))).append("}");
        }
        return call.append("}").toString();
    }

    /** The person as the workstation's own FHIR server has them: another hospital's record, the same resident id. */
    private static Patient prefetchedPatient(Scene scene) {
        Patient patient = patientOf(scene.world().residentId);
        patient.setId(scene.patient());
        return patient;
    }

    private static Patient patientOf(String residentId) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(RecognitionWorld.RESIDENT_ID).setValue(residentId);
        patient.addIdentifier().setSystem("urn:workstation:mrn").setValue("W-1");
        return patient;
    }

    private static ServiceRequest draft(String id, String loinc) {
        ServiceRequest order = new ServiceRequest();
        order.setId(id);
        order.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        order.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        order.getCode().addCoding(new Coding(RecognitionWorld.LOINC, loinc, null));
        order.setSubject(new Reference("Patient/ehr-77"));
        order.setRequester(new Reference(ORDERING_HOSPITAL));
        return order;
    }

    private static String feedback(String card, String outcome, String reason, String comment) {
        StringBuilder item = new StringBuilder("{\"card\":\"").append(card).append("\",\"outcome\":\"").append(outcome)
                .append("\",\"outcomeTimestamp\":\"").append(Instant.now()).append("\"");
        if (reason != null) {
            item.append(",\"overrideReason\":{\"reason\":{\"system\":\"http://hr-gateway.org/fhir/CodeSystem/mr-decline-reason\",")
                    .append("\"code\":\"").append(reason).append("\"}");
            if (comment != null) {
                item.append(",\"userComment\":\"").append(comment).append("\"");
            }
            item.append("}");
        }
        return "{\"feedback\":[" + item.append("}") + "]}";
    }

    private static String jsonOf(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
