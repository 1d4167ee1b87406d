package org.hrgateway.operation.recognize;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.CodeType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hrgateway.operation.recognize.RecognitionWorld.LOINC;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** `$recognize` against PostgreSQL: realistic scenarios written through the REST API, then asked about. */
@QuarkusTest
class RecognizeOperationTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Instant AT = Instant.parse("2026-11-20T02:00:00Z");
    private static final String HAEMOGLOBIN = "718-7";

    private final RecognitionWorld world = new RecognitionWorld();

    private static Instant daysBefore(int days) {
        return AT.minus(Duration.ofDays(days));
    }

    @Test
    void givenFreshMarkedResultOfCertifiedLab_whenRecognize_thenRecognizedUntilTheWindowEnds() {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2026-01-01", "2026-12-31");
        Instant effective = daysBefore(2);
        String result = world.observation(patient, HAEMOGLOBIN, "final", true, effective, effective.plus(Duration.ofHours(3)), lab);

        ParametersParameterComponent recommendation = single(recognize("Patient/" + patient, call(AT, HAEMOGLOBIN)));

        assertEquals("recognized", code(recommendation, "outcome"));
        assertEquals("Observation/" + result, ((Reference) part(recommendation, "result").getValue()).getReference());
        assertEquals(Date.from(effective.plus(Duration.ofDays(7))),
                ((DateTimeType) part(recommendation, "valid-until").getValue()).getValue());
        assertNull(part(recommendation, "reason"));
    }

    @Test
    void givenResultsAtTheWindowEdge_whenRecognize_thenTheLastDayCountsAndNotOneSecondMore() {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2026-01-01", "2026-12-31");
        Instant edge = daysBefore(7);
        world.observation(patient, HAEMOGLOBIN, "final", true, edge, edge, lab);

        assertEquals("recognized", code(single(recognize("Patient/" + patient, call(AT, HAEMOGLOBIN))), "outcome"));
        ParametersParameterComponent later = single(recognize("Patient/" + patient, call(AT.plusSeconds(1), HAEMOGLOBIN)));
        assertEquals("not-recognized", code(later, "outcome"));
        assertEquals("expired", reason(later));
    }

    @Test
    void givenUnmarkedUncertifiedOrPreliminaryResults_whenRecognize_thenEachSaysWhy() {
        String patient = world.patient("mrn-1");
        String certified = world.lab("hematology", "2026-01-01", "2026-12-31");
        String uncertified = world.lab(null, null, null);
        world.observation(patient, "718-7", "final", false, daysBefore(1), daysBefore(1), certified);
        world.observation(patient, "6690-2", "final", true, daysBefore(1), daysBefore(1), uncertified);
        world.observation(patient, "777-3", "preliminary", true, daysBefore(1), daysBefore(1), certified);
        world.observation(patient, "2345-7", "entered-in-error", true, daysBefore(1), daysBefore(1), certified);

        List<ParametersParameterComponent> answers = recommendations(recognize("Patient/" + patient,
                call(AT, "718-7", "6690-2", "777-3", "2345-7")));

        assertEquals(List.of("no-mark", "institution-not-certified", "status-not-final", "status-not-final"),
                answers.stream().map(RecognizeOperationTest::reason).toList());
    }

    @Test
    void givenCertificationLapsedTheDayBeforeTheResultWasIssued_whenRecognize_thenNotCertified() {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2025-11-18", "2026-11-17");
        Instant issued = Instant.parse("2026-11-18T01:00:00Z");
        world.observation(patient, HAEMOGLOBIN, "final", true, issued.minus(Duration.ofHours(2)), issued, lab);

        assertEquals("institution-not-certified", reason(single(recognize("Patient/" + patient, call(AT, HAEMOGLOBIN)))));
    }

    /**
     * A certification ending `2026-09-30` ends at midnight in Shandong (hr.default-timezone), wherever
     * the JVM runs: the build runs this class again with the JVM in America/Los_Angeles and in
     * Pacific/Kiritimati (pom.xml, surefire executions `zone-*`). In a UTC JVM the result issued at
     * 05:20 the next morning was recognized.
     */
    @Test
    void givenCertificationEndingAsADate_whenRecognize_thenItEndsAtMidnightInTheGatewaysZone() {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2025-10-01", "2026-09-30");
        Instant lastMinute = OffsetDateTime.parse("2026-09-30T23:50:00+08:00").toInstant();
        Instant nextMorning = OffsetDateTime.parse("2026-10-01T05:20:03+08:00").toInstant();
        Instant at = OffsetDateTime.parse("2026-10-02T10:00:00+08:00").toInstant();

        world.observation(patient, HAEMOGLOBIN, "final", true, lastMinute.minus(Duration.ofHours(1)), lastMinute, lab);
        assertEquals("recognized", code(single(recognize("Patient/" + patient, call(at, HAEMOGLOBIN))), "outcome"));

        RecognitionWorld anotherPerson = new RecognitionWorld();
        String later = anotherPerson.patient("mrn-2");
        anotherPerson.observation(later, HAEMOGLOBIN, "final", true, nextMorning.minus(Duration.ofHours(1)), nextMorning, lab);
        assertEquals("institution-not-certified", reason(single(recognize("Patient/" + later, call(at, HAEMOGLOBIN)))));
    }

    @Test
    void givenTwoPatientRecordsOfOnePersonAtTwoHospitals_whenRecognizeAtEither_thenTheOtherHospitalsResultIsFound() {
        String county = world.patient("county-77");
        String city = world.patient("city-12");
        String lab = world.lab("hematology", "2026-01-01", "2026-12-31");
        String result = world.observation(county, HAEMOGLOBIN, "final", true, daysBefore(3), daysBefore(3), lab);

        ParametersParameterComponent atCity = single(recognize("Patient/" + city, call(AT, HAEMOGLOBIN)));

        assertEquals("recognized", code(atCity, "outcome"));
        assertEquals("Observation/" + result, ((Reference) part(atCity, "result").getValue()).getReference());
    }

    @Test
    void givenResultsReferringToThePatientByAbsoluteUrl_whenRecognize_thenOnlyThoseOnThisServerCount() {
        String patient = world.patient("mrn-abs");
        String lab = world.lab("hematology", "2026-01-01", "2026-12-31");
        String base = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/fhir/";
        String here = world.observation(new Reference(base + "Patient/" + patient), HAEMOGLOBIN, "final", true,
                daysBefore(5), daysBefore(5), lab);
        // The same id at another gateway is another person's record: newer, but not this patient's.
        world.observation(new Reference("http://jinan.example.org/fhir/Patient/" + patient), HAEMOGLOBIN, "final", true,
                daysBefore(1), daysBefore(1), lab);

        ParametersParameterComponent recommendation = single(recognize("Patient/" + patient, call(AT, HAEMOGLOBIN)));

        assertEquals("recognized", code(recommendation, "outcome"));
        assertEquals("Observation/" + here, ((Reference) part(recommendation, "result").getValue()).getReference());
        assertEquals(1, recommendation.getPart().stream().filter(p -> p.getName().equals("candidate")).count());
    }

    @Test
    void givenResidentIdAtSystemLevel_whenRecognize_thenThePersonsResultsAreJudged() {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2026-01-01", "2026-12-31");
        world.observation(patient, HAEMOGLOBIN, "final", true, daysBefore(1), daysBefore(1), lab);
        Parameters call = call(AT, HAEMOGLOBIN);
        call.addParameter().setName("patient").setValue(new Identifier().setSystem(RecognitionWorld.RESIDENT_ID)
                .setValue(world.residentId));

        assertEquals("recognized", code(single(recognize("", call)), "outcome"));
    }

    @Test
    void givenPanelReportAndItsSingleResults_whenRecognize_thenPanelByReportAndItemByTheReportsMark() {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2026-01-01", "2026-12-31");
        String haemoglobin = world.observation(patient, HAEMOGLOBIN, "final", false, daysBefore(1), daysBefore(1), lab);
        String report = world.report(patient, "58410-2", true, daysBefore(1), daysBefore(1), lab, haemoglobin);

        List<ParametersParameterComponent> answers = recommendations(recognize("Patient/" + patient,
                call(AT, "58410-2", HAEMOGLOBIN)));

        assertEquals("DiagnosticReport/" + report, ((Reference) part(answers.get(0), "result").getValue()).getReference());
        assertEquals("Observation/" + haemoglobin, ((Reference) part(answers.get(1), "result").getValue()).getReference());
    }

    @Test
    void givenAtInThePastOrFuture_whenRecognize_thenOnlyResultsThenKnownAndStillValidCount() {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2026-01-01", "2026-12-31");
        world.observation(patient, HAEMOGLOBIN, "final", true, daysBefore(2), daysBefore(2), lab);

        assertEquals("no-prior-result", reason(single(recognize("Patient/" + patient, call(daysBefore(3), HAEMOGLOBIN)))));
        assertEquals("expired", reason(single(recognize("Patient/" + patient, call(AT.plus(Duration.ofDays(30)), HAEMOGLOBIN)))));
    }

    @Test
    void givenSeveralResults_whenRecognize_thenMostRecentEligibleWinsAndEveryCandidateIsListed() {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2026-01-01", "2026-12-31");
        String older = world.observation(patient, HAEMOGLOBIN, "final", true, daysBefore(5), daysBefore(5), lab);
        String newer = world.observation(patient, HAEMOGLOBIN, "amended", true, daysBefore(2), daysBefore(2), lab);
        String newest = world.observation(patient, HAEMOGLOBIN, "preliminary", true, daysBefore(1), daysBefore(1), lab);

        ParametersParameterComponent answer = single(recognize("Patient/" + patient, call(AT, HAEMOGLOBIN)));

        assertEquals("Observation/" + newer, ((Reference) part(answer, "result").getValue()).getReference());
        assertEquals(List.of("Observation/" + newest, "Observation/" + newer, "Observation/" + older),
                answer.getPart().stream().filter(p -> p.getName().equals("candidate"))
                        .map(c -> ((Reference) part(c, "result").getValue()).getReference()).toList());
    }

    @Test
    void givenCodeOutsideTheCatalogueOrNoResult_whenRecognize_thenNotApplicableOrNoPriorResult() {
        String patient = world.patient("mrn-1");

        List<ParametersParameterComponent> answers = recommendations(recognize("Patient/" + patient,
                call(AT, "1234-5", "4548-4")));

        assertEquals("not-applicable", code(answers.get(0), "outcome"));
        assertEquals("not-in-catalogue", reason(answers.get(0)));
        assertEquals("not-recognized", code(answers.get(1), "outcome"));
        assertEquals("no-prior-result", reason(answers.get(1)));
    }

    @Test
    void givenAGatewayOutsideAProvince_whenRecognizedWithProvinceScope_then400NamingTheSettings() {
        String patient = world.patient("mrn-1");
        Parameters call = call(AT, HAEMOGLOBIN);
        call.addParameter().setName("scope").setValue(new CodeType("province"));
        post("Patient/" + patient, call).then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("set hr.city and hr.federation.peers"));
    }

    @Test
    void givenTargetCityWithLocalScope_whenRecognize_then400() {
        String patient = world.patient("mrn-1");
        Parameters call = call(AT, HAEMOGLOBIN);
        call.addParameter().setName("target-city").setValue(new CodeType("heze"));
        post("Patient/" + patient, call).then().statusCode(400)
                .body("issue[0].diagnostics", containsString("'target-city' names cities to ask with scope=province"));
    }

    @Test
    void givenBadCalls_whenRecognize_then400Or404WithAnOperationOutcome() {
        String patient = world.patient("mrn-1");
        post("Patient/" + patient, new Parameters()).then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("required"))
                .body("issue[0].diagnostics", containsString("needs parameter 'code' (Coding)"));
        Parameters badAt = call(AT, HAEMOGLOBIN);
        badAt.getParameter().removeIf(p -> p.getName().equals("at"));
        badAt.addParameter().setName("at").setValue(new StringType("yesterday"));
        post("Patient/" + patient, badAt).then().statusCode(400).body("issue[0].diagnostics", containsString("'at'"));
        Parameters badScope = call(AT, HAEMOGLOBIN);
        badScope.addParameter().setName("scope").setValue(new CodeType("planet"));
        post("Patient/" + patient, badScope).then().statusCode(400).body("issue[0].code", equalTo("invalid"));
        post("", call(AT, HAEMOGLOBIN)).then().statusCode(400).body("issue[0].diagnostics", containsString("'patient'"));
        post("Patient/" + patient, call(AT, "718-\u00007")).then().statusCode(400)
                .body("issue[0].diagnostics", containsString("control character"));
        post("Patient/no-such-patient", call(AT, HAEMOGLOBIN)).then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));
        Parameters unknownPerson = call(AT, HAEMOGLOBIN);
        unknownPerson.addParameter().setName("patient").setValue(new Identifier()
                .setSystem(RecognitionWorld.RESIDENT_ID).setValue("no-such-" + world.residentId));
        post("", unknownPerson).then().statusCode(404).body("issue[0].code", equalTo("not-found"));
    }

    @Test
    void givenDeletedPatient_whenRecognize_then410AsAReadWouldAnswer() {
        String patient = world.patient("mrn-gone");
        fhir().when().delete("/Patient/" + patient).then().statusCode(200);

        post("Patient/" + patient, call(AT, HAEMOGLOBIN)).then().statusCode(410)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("deleted"));
    }

    @Test
    void givenACall_whenRecognize_thenAnAuditEventFindableByPatientAndByTheRecognizedResult() {
        String patient = world.patient("mrn-1");
        String lab = world.lab("hematology", "2026-01-01", "2026-12-31");
        String result = world.observation(patient, HAEMOGLOBIN, "final", true, daysBefore(1), daysBefore(1), lab);
        Parameters call = call(AT, HAEMOGLOBIN);
        call.addParameter().setName("requester").setValue(new Reference("Organization/" + lab));

        recognize("Patient/" + patient, call);

        fhir().queryParam("patient", "Patient/" + patient).when().get("/AuditEvent")
                .then().statusCode(200).body("total", equalTo(1))
                .body("entry[0].resource.agent[0].who.reference", equalTo("Organization/" + lab))
                .body("entry[0].resource.entity.name", org.hamcrest.Matchers.hasItem(LOINC + "|" + HAEMOGLOBIN))
                .body("entry[0].resource.entity.detail.flatten().valueString", org.hamcrest.Matchers.hasItem("recognized"));
        fhir().queryParam("entity", "Observation/" + result).when().get("/AuditEvent")
                .then().statusCode(200).body("total", greaterThanOrEqualTo(1));
    }

    @Test
    void givenManyConcurrentCalls_whenRecognize_thenEachIsAnsweredAndAuditedExactlyOnce() throws Exception {
        String patient = world.patient("mrn-busy");
        String lab = world.lab("hematology", "2026-01-01", "2026-12-31");
        world.observation(patient, HAEMOGLOBIN, "final", true, daysBefore(1), daysBefore(1), lab);
        int calls = 48;
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < calls; i++) {
                answers.add(clients.submit(() -> code(single(recognize("Patient/" + patient, call(AT, HAEMOGLOBIN))), "outcome")));
            }
            for (java.util.concurrent.Future<String> answer : answers) {
                assertEquals("recognized", answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }

        // Events committed together (AuditTrail) are each stored once, none lost, none twice.
        fhir().queryParam("patient", "Patient/" + patient).queryParam("_summary", "count").when().get("/AuditEvent")
                .then().statusCode(200).body("total", equalTo(calls));
    }

    private static Parameters call(Instant at, String... codes) {
        Parameters call = new Parameters();
        for (String code : codes) {
            call.addParameter().setName("code").setValue(new Coding(LOINC, code, null));
        }
        call.addParameter().setName("at").setValue(new DateTimeType(Date.from(at.truncatedTo(ChronoUnit.SECONDS)),
                ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND, java.util.TimeZone.getTimeZone("UTC")));
        return call;
    }

    private static Response post(String path, Parameters call) {
        return fhir().contentType(FHIR_JSON).body(FHIR.newJsonParser().encodeResourceToString(call))
                .when().post("/" + path + (path.isEmpty() ? "" : "/") + "$recognize");
    }

    private static Parameters recognize(String path, Parameters call) {
        String body = post(path, call).then().statusCode(200).extract().asString();
        return FHIR.newJsonParser().parseResource(Parameters.class, body);
    }

    private static List<ParametersParameterComponent> recommendations(Parameters answer) {
        return answer.getParameter().stream().filter(p -> p.getName().equals("recommendation")).toList();
    }

    private static ParametersParameterComponent single(Parameters answer) {
        List<ParametersParameterComponent> all = recommendations(answer);
        assertEquals(1, all.size());
        return all.get(0);
    }

    private static ParametersParameterComponent part(ParametersParameterComponent parent, String name) {
        return parent.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElse(null);
    }

    private static String code(ParametersParameterComponent parent, String name) {
        return part(parent, name).getValue().primitiveValue();
    }

    private static String reason(ParametersParameterComponent recommendation) {
        ParametersParameterComponent reason = part(recommendation, "reason");
        return reason == null ? null : ((CodeableConcept) reason.getValue()).getCodingFirstRep().getCode();
    }
}
