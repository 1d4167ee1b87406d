package org.hrgateway.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate SINCE = LocalDate.parse("2025-11-25");
    private static final String PATIENT = "p1";
    private static final String HEMOGLOBIN = "718-7";

    // patient-code-date

    @Test
    void givenOnlyThatPatientsCodeNewestFirst_whenPatientCodeDateChecked_thenPasses() throws IOException {
        assertEquals(Optional.empty(), patientCodeDate(fixture("patient-code-date-searchset.json")));
    }

    @Test
    void givenAbsoluteSubjectReferences_whenPatientCodeDateChecked_thenPasses() throws IOException {
        ObjectNode bundle = fixture("patient-code-date-searchset.json");
        for (int i = 0; i < 3; i++) {
            observation(bundle, i).putObject("subject").put("reference", "https://fhir.example.org/r4/Patient/p1/_history/2");
        }

        assertEquals(Optional.empty(), patientCodeDate(bundle));
    }

    @Test
    void givenAnotherPatientsObservation_whenPatientCodeDateChecked_thenFailsOnPatient() throws IOException {
        ObjectNode bundle = fixture("patient-code-date-searchset.json");
        observation(bundle, 1).putObject("subject").put("reference", "Patient/p12");

        assertFailure(patientCodeDate(bundle), "Patient/p12");
    }

    @Test
    void givenAnotherCode_whenPatientCodeDateChecked_thenFailsOnCode() throws IOException {
        ObjectNode bundle = fixture("patient-code-date-searchset.json");
        ((ObjectNode) observation(bundle, 2).path("code").path("coding").get(0)).put("code", "6690-2");

        assertFailure(patientCodeDate(bundle), "code ignored");
    }

    @Test
    void givenOldestFirst_whenPatientCodeDateChecked_thenFailsOnSort() throws IOException {
        ObjectNode bundle = fixture("patient-code-date-searchset.json");
        ArrayNode entries = (ArrayNode) bundle.path("entry");
        entries.insert(0, entries.remove(2));

        assertFailure(patientCodeDate(bundle), "_sort");
    }

    @Test
    void givenResultBeforeTheDateBound_whenPatientCodeDateChecked_thenFailsOnDate() throws IOException {
        ObjectNode bundle = fixture("patient-code-date-searchset.json");
        observation(bundle, 2).put("effectiveDateTime", "2024-03-01T10:05:00+08:00");

        assertFailure(patientCodeDate(bundle), "date ignored");
    }

    @Test
    void givenMoreMatchesThanCount_whenPatientCodeDateChecked_thenFailsOnCount() throws IOException {
        String body = JSON.writeValueAsString(fixture("patient-code-date-searchset.json"));

        Optional<String> failure = ResponseChecks.patientCodeDate(new FhirHttp.Response(200, body), PATIENT,
                HEMOGLOBIN, SINCE, 2);

        assertFailure(failure, "_count");
    }

    @Test
    void givenNoEntries_whenPatientCodeDateChecked_thenFailsAsEmpty() throws IOException {
        ObjectNode bundle = fixture("patient-code-date-searchset.json");
        bundle.remove("entry");

        assertFailure(patientCodeDate(bundle), "no matching entry");
    }

    @Test
    void givenCollectionInsteadOfSearchset_whenPatientCodeDateChecked_thenFails() throws IOException {
        ObjectNode bundle = fixture("patient-code-date-searchset.json");
        bundle.put("type", "collection");

        assertFailure(patientCodeDate(bundle), "searchset");
    }

    @Test
    void givenOperationOutcome400_whenPatientCodeDateChecked_thenFailureCarriesDiagnostics() {
        String outcome = """
                {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"not-supported",
                 "diagnostics":"Search parameter _sort is not supported"}]}""";

        Optional<String> failure = ResponseChecks.patientCodeDate(new FhirHttp.Response(400, outcome), PATIENT,
                HEMOGLOBIN, SINCE, Scenarios.PAGE_SIZE);

        assertFailure(failure, "HTTP 400");
        assertFailure(failure, "_sort is not supported");
    }

    // chained-resident

    @Test
    void givenThatPatientsObservations_whenChainedChecked_thenPasses() throws IOException {
        assertEquals(Optional.empty(), ResponseChecks.chainedResident(response(fixture("patient-code-date-searchset.json")),
                PATIENT, Scenarios.PAGE_SIZE));
    }

    @Test
    void givenObservationsOfAnotherPatient_whenChainedChecked_thenFails() throws IOException {
        assertFailure(ResponseChecks.chainedResident(response(fixture("patient-code-date-searchset.json")),
                "p2", Scenarios.PAGE_SIZE), "not Patient/p2");
    }

    // report-include

    @Test
    void givenReportWithItsResults_whenReportIncludeChecked_thenPasses() throws IOException {
        assertEquals(Optional.empty(), ResponseChecks.reportInclude(response(fixture("report-include-searchset.json")), "r1"));
    }

    @Test
    void givenReportWithoutIncludes_whenReportIncludeChecked_thenFailsOnInclude() throws IOException {
        ObjectNode bundle = fixture("report-include-searchset.json");
        ArrayNode entries = (ArrayNode) bundle.path("entry");
        entries.remove(2);
        entries.remove(1);

        assertFailure(ResponseChecks.reportInclude(response(bundle), "r1"), "_include ignored");
    }

    @Test
    void givenAnotherReport_whenReportIncludeChecked_thenFailsOnId() throws IOException {
        assertFailure(ResponseChecks.reportInclude(response(fixture("report-include-searchset.json")), "r7"), "_id ignored");
    }

    @Test
    void givenIncludedObservationThatIsNoResult_whenReportIncludeChecked_thenFails() throws IOException {
        ObjectNode bundle = fixture("report-include-searchset.json");
        ((ObjectNode) bundle.path("entry").get(2).path("resource")).put("id", "o9");

        assertFailure(ResponseChecks.reportInclude(response(bundle), "r1"), "Observation/o9");
    }

    // read

    @Test
    void givenThePatient_whenReadChecked_thenPasses() {
        String patient = "{\"resourceType\":\"Patient\",\"id\":\"p1\"}";

        assertEquals(Optional.empty(), ResponseChecks.read(new FhirHttp.Response(200, patient), "Patient", PATIENT));
        assertFailure(ResponseChecks.read(new FhirHttp.Response(200, patient), "Patient", "p2"), "expected Patient/p2");
        assertFailure(ResponseChecks.read(new FhirHttp.Response(404, ""), "Patient", PATIENT), "HTTP 404");
    }

    // cds-hook

    @Test
    void givenCardsWithinTheDrafts_whenCdsHookChecked_thenPasses() {
        String one = "{\"cards\":[{\"uuid\":\"c1\",\"summary\":\"Haemoglobin\"}]}";

        assertEquals(Optional.empty(), ResponseChecks.cdsHook(new FhirHttp.Response(200, one), 3));
        assertEquals(Optional.empty(), ResponseChecks.cdsHook(new FhirHttp.Response(200, "{\"cards\":[]}"), 3));
        assertFailure(ResponseChecks.cdsHook(new FhirHttp.Response(200, one), 0), "at most 0 cards");
        assertFailure(ResponseChecks.cdsHook(new FhirHttp.Response(200, "{\"cards\":[{\"summary\":\"x\"}]}"), 3), "without uuid");
        assertFailure(ResponseChecks.cdsHook(new FhirHttp.Response(200, "{}"), 3), "cards");
        assertFailure(ResponseChecks.cdsHook(new FhirHttp.Response(412, ""), 3), "HTTP 412");
    }

    private static Optional<String> patientCodeDate(ObjectNode bundle) throws IOException {
        return ResponseChecks.patientCodeDate(response(bundle), PATIENT, HEMOGLOBIN, SINCE, Scenarios.PAGE_SIZE);
    }

    private static FhirHttp.Response response(ObjectNode bundle) throws IOException {
        return new FhirHttp.Response(200, JSON.writeValueAsString(bundle));
    }

    private static ObjectNode observation(ObjectNode bundle, int index) {
        return (ObjectNode) bundle.path("entry").get(index).path("resource");
    }

    private static ObjectNode fixture(String name) throws IOException {
        try (InputStream in = ResponseChecksTest.class.getResourceAsStream("/fixtures/bench/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private static void assertFailure(Optional<String> failure, String mentioning) {
        assertTrue(failure.isPresent(), "expected a failure mentioning " + mentioning);
        assertTrue(failure.get().contains(mentioning), failure.get());
    }
}
