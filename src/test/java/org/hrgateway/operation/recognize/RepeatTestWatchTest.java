package org.hrgateway.operation.recognize;

import io.quarkus.test.junit.QuarkusTest;
import org.hrgateway.support.FhirApi;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.fhir;

/** New orders for items the patient has a recognizable result for, against PostgreSQL. */
@QuarkusTest
class RepeatTestWatchTest {


    private final RecognitionWorld world = new RecognitionWorld();
    private final Instant yesterday = Instant.now().minus(Duration.ofDays(1));

    private static String order(String patient, String code) {
        return RecognitionWorld.json(RecognitionWorld.orderOf(patient, null, code));
    }

    @Test
    void givenRecognizableResult_whenOrderedAgain_thenStoredWithAWarningAndAPreliminaryRepeatTestIssue() {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2020-01-01", "2099-12-31");
        String result = world.observation(patient, "718-7", "final", true, yesterday, yesterday, lab);

        String orderId = fhir().contentType(FHIR_JSON).header("Prefer", "return=OperationOutcome")
                .body(order(patient, "718-7")).when().post("/ServiceRequest")
                .then().statusCode(201)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue.severity", hasItems("information", "warning"))
                .body("issue.find { it.severity == 'warning' }.diagnostics", containsString("Observation/" + result))
                .extract().header("Location").replaceAll(".*/ServiceRequest/([^/]+)/_history/.*", "$1");

        fhir().queryParam("implicated", "ServiceRequest/" + orderId).when().get("/DetectedIssue")
                .then().statusCode(200).body("total", equalTo(1))
                .body("entry[0].resource.status", equalTo("preliminary"))
                .body("entry[0].resource.code.coding[0].code", equalTo("repeat-test"))
                .body("entry[0].resource.patient.reference", equalTo("Patient/" + patient))
                .body("entry[0].resource.implicated.reference",
                        hasItems("ServiceRequest/" + orderId, "Observation/" + result));
    }

    @Test
    void givenClinicianRecordedWhyToRetest_whenOrdered_thenNoIssueRaised() {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2020-01-01", "2099-12-31");
        String result = world.observation(patient, "718-7", "final", true, yesterday, yesterday, lab);
        world.decline(patient, "Observation/" + result, "ServiceRequest/planned-" + world.residentId, "major-decision");

        String orderId = FhirApi.created("ServiceRequest", order(patient, "718-7"));

        fhir().queryParam("implicated", "ServiceRequest/" + orderId).when().get("/DetectedIssue")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void givenOnlyAnExpiredResultOrAnItemOutsideTheList_whenOrdered_thenNoWarning() {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2020-01-01", "2099-12-31");
        Instant old = Instant.now().minus(Duration.ofDays(30));
        world.observation(patient, "718-7", "final", true, old, old, lab);

        for (String code : new String[]{"718-7", "1234-5"}) {
            fhir().contentType(FHIR_JSON).header("Prefer", "return=OperationOutcome")
                    .body(order(patient, code)).when().post("/ServiceRequest")
                    .then().statusCode(201)
                    .body("issue.severity", not(hasItem("warning")));
        }
    }

    @Test
    void givenOrderForAPatientNotHeldHere_whenOrdered_thenStoredAndTheFailedCheckIsAWarning() {
        fhir().contentType(FHIR_JSON).header("Prefer", "return=OperationOutcome")
                .body(order("not-held-" + world.residentId, "718-7")).when().post("/ServiceRequest")
                .then().statusCode(201)
                .body("issue.find { it.severity == 'warning' }.diagnostics", containsString("could not be checked"));
    }

    @Test
    void givenOrderInsideATransaction_whenPosted_thenItsEntryCarriesTheWarningAndTheIssueIsRecorded() {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2020-01-01", "2099-12-31");
        String result = world.observation(patient, "718-7", "final", true, yesterday, yesterday, lab);
        org.hl7.fhir.r4.model.Bundle transaction = new org.hl7.fhir.r4.model.Bundle()
                .setType(org.hl7.fhir.r4.model.Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl("urn:uuid:6f1c2a10-0000-4000-8000-" + world.residentId.substring(2, 14))
                .setResource(RecognitionWorld.orderOf(patient, null, "718-7"))
                .getRequest().setMethod(org.hl7.fhir.r4.model.Bundle.HTTPVerb.POST).setUrl("ServiceRequest");

        String location = fhir().contentType(FHIR_JSON).body(RecognitionWorld.json(transaction)).when().post("")
                .then().statusCode(200)
                .body("entry[0].response.status", containsString("201"))
                .body("entry[0].response.outcome.issue.find { it.severity == 'warning' }.diagnostics",
                        containsString("Observation/" + result))
                .extract().path("entry[0].response.location");

        fhir().queryParam("implicated", location.replaceAll("/_history/.*", "")).when().get("/DetectedIssue")
                .then().statusCode(200).body("total", equalTo(1));
    }

    /**
     * An order created by PUT (a client-assigned id, or a conditional update that finds none) is a
     * new order like a POSTed one: it is checked the same way. Before, only POST and Bundles were.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"put", "conditional-put", "batch"})
    void givenRecognizableResult_whenOrderCreatedOtherwiseThanByPost_thenChecked(String how) {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2020-01-01", "2099-12-31");
        String result = world.observation(patient, "718-7", "final", true, yesterday, yesterday, lab);
        String id = "order-" + world.residentId;
        ServiceRequest order = RecognitionWorld.orderOf(patient, null, "718-7");
        order.addIdentifier().setSystem("http://hospital.example.cn/his/order").setValue(id);

        String warnings;
        switch (how) {
            case "put" -> {
                order.setId(id);
                warnings = fhir().contentType(FHIR_JSON).header("Prefer", "return=OperationOutcome")
                        .body(RecognitionWorld.json(order)).when().put("/ServiceRequest/" + id)
                        .then().statusCode(201).extract().asString();
            }
            case "conditional-put" -> warnings = fhir().contentType(FHIR_JSON).header("Prefer", "return=OperationOutcome")
                    .body(RecognitionWorld.json(order))
                    .when().put("/ServiceRequest?identifier=http://hospital.example.cn/his/order|" + id)
                    .then().statusCode(201).extract().asString();
            default -> {
                org.hl7.fhir.r4.model.Bundle batch = new org.hl7.fhir.r4.model.Bundle()
                        .setType(org.hl7.fhir.r4.model.Bundle.BundleType.BATCH);
                batch.addEntry().setResource(order)
                        .getRequest().setMethod(org.hl7.fhir.r4.model.Bundle.HTTPVerb.POST).setUrl("ServiceRequest");
                warnings = fhir().contentType(FHIR_JSON).body(RecognitionWorld.json(batch)).when().post("")
                        .then().statusCode(200).body("entry[0].response.status", containsString("201"))
                        .extract().asString();
            }
        }

        assertThat(warnings, containsString("Observation/" + result));
        fhir().queryParam("implicated", "Observation/" + result).queryParam("patient", "Patient/" + patient)
                .when().get("/DetectedIssue")
                .then().statusCode(200).body("total", equalTo(1))
                .body("entry[0].resource.status", equalTo("preliminary"));
    }
}
