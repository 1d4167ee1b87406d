package org.hrgateway.operation.report;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Period;
import org.hrgateway.operation.recognize.RecognitionWorld;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * `$recognition-report` counts what this test wrote: the period starts when the test does and ends
 * after its last write (tests run one at a time), and the organization filter isolates its calls.
 */
@QuarkusTest
class RecognitionReportOperationTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String LOINC = "http://loinc.org";

    @Test
    void givenCallsDeclinesAndDiscoveredRepeats_whenReported_thenTheFiguresAreWhatWasWritten() throws Exception {
        Instant start = Instant.now();
        Thread.sleep(5); // the period must not take in what an earlier test wrote in the same millisecond
        // The hospital's morning (RecognitionWorld.hospitalMorning): two calls by the hospital (718-7
        // recognized, 6690-2 expired, 1742-6 no prior result, 1234-5 not applicable), two orders for 718-7
        // that are unjustified repeats (one by a clinician's PractitionerRole there), a reasoned re-test.
        RecognitionWorld.Morning morning = new RecognitionWorld().hospitalMorning("mrn-1");
        String hospital = morning.hospital();
        String lab = morning.lab();
        // One call by another institution, not counted with organization=hospital.
        RecognitionWorld.recognize(morning.patient(), lab, "718-7");
        Thread.sleep(5);
        Instant end = Instant.now();

        MeasureReport report = report(start, end, "Organization/" + hospital, null);

        assertEquals(2, count(report, "recognize-calls", "initial-population"));
        assertEquals(4, count(report, "items", "initial-population"));
        assertEquals(1, count(report, "items", "recognized"));
        assertEquals(2, count(report, "items", "not-recognized"));
        assertEquals(1, count(report, "items", "not-applicable"));
        assertEquals(Map.of("expired", 1, "no-prior-result", 1), strata(report, "items"));
        assertEquals(1, count(report, "declines", "initial-population"));
        assertEquals(Map.of("condition-changed", 1), strata(report, "declines"));
        assertEquals(2, count(report, "unjustified-repeats", "initial-population"));
        assertEquals("Organization/" + hospital, report.getReporter().getReference());

        MeasureReport everyone = report(start, end, null, null);
        assertEquals(3, count(everyone, "recognize-calls", "initial-population"));
        assertEquals(2, count(everyone, "items", "recognized"));
        assertEquals(0, count(report(start, end, "Organization/" + lab, null), "unjustified-repeats", "initial-population"));

        MeasureReport biochemistry = report(start, end, "Organization/" + hospital, "biochemistry");
        assertEquals(1, count(biochemistry, "recognize-calls", "initial-population"));
        assertEquals(Map.of("no-prior-result", 1), strata(biochemistry, "items"));
        assertEquals(0, count(biochemistry, "unjustified-repeats", "initial-population"));
    }

    /**
     * A month in a province implicates thousands of orders and results; the report reads them in
     * searches of at most hr.limits.max-search-values ids each, not in one it would refuse.
     */
    @Test
    void givenMoreDeclinesThanOneSearchTakesIds_whenReported_thenEveryOneIsCounted() throws Exception {
        Instant start = Instant.now();
        Thread.sleep(5);
        RecognitionWorld world = new RecognitionWorld();
        String hospital = world.lab(null, null, null);
        String lab = world.lab("hematology", "2020-01-01", "2099-12-31");
        String patient = world.patient("mrn-many");
        Instant longAgo = Instant.now().minus(Duration.ofDays(40));
        String old = world.observation(patient, "6690-2", "final", true, longAgo, longAgo, lab);
        int declines = 130; // above the default limit of 100 values per search
        for (int i = 0; i < declines; i++) {
            world.decline(patient, "Observation/" + old, "ServiceRequest/" + world.order(patient, hospital, "6690-2"),
                    "condition-changed");
        }
        Thread.sleep(5);
        MeasureReport report = report(start, Instant.now(), "Organization/" + hospital, null);
        assertEquals(declines, count(report, "declines", "initial-population"));
    }

    @Test
    void givenBadPeriodOrFilters_whenReported_then400WithAnOperationOutcome() {
        fhir().queryParam("period-end", "2026-11-30").when().get("/$recognition-report")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("period-start"));
        fhir().queryParam("period-start", "2026-12-01").queryParam("period-end", "2026-11-30")
                .when().get("/$recognition-report")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("before"));
        fhir().queryParam("period-start", "last week").queryParam("period-end", "2026-11-30")
                .when().get("/$recognition-report").then().statusCode(400).body("issue[0].code", equalTo("invalid"));
        fhir().queryParam("period-start", "2026-11").queryParam("period-end", "2026-11").queryParam("category", "astrology")
                .when().get("/$recognition-report").then().statusCode(400).body("issue[0].diagnostics", containsString("astrology"));
    }

    @Test
    void givenAMonth_whenReported_thenThePeriodRunsFromItsFirstToItsLastInstant() {
        String body = fhir().queryParam("period-start", "2026-11").queryParam("period-end", "2026-11")
                .when().get("/$recognition-report").then().statusCode(200)
                .body("resourceType", equalTo("MeasureReport")).body("type", equalTo("summary"))
                .extract().asString();
        Period period = FHIR.newJsonParser().parseResource(MeasureReport.class, body).getPeriod();

        assertEquals(Duration.ofDays(30).minusMillis(1),
                Duration.between(period.getStart().toInstant(), period.getEnd().toInstant()));
    }

    private static MeasureReport report(Instant start, Instant end, String organization, String category) {
        var request = fhir().queryParam("period-start", start.toString()).queryParam("period-end", end.toString());
        if (organization != null) {
            request.queryParam("organization", organization);
        }
        if (category != null) {
            request.queryParam("category", category);
        }
        String body = request.when().get("/$recognition-report").then().statusCode(200).extract().asString();
        return FHIR.newJsonParser().parseResource(MeasureReport.class, body);
    }

    private static int count(MeasureReport report, String group, String population) {
        return report.getGroup().stream().filter(g -> group.equals(g.getCode().getText())).findFirst().orElseThrow()
                .getPopulation().stream().filter(p -> population.equals(p.getCode().getText())).findFirst().orElseThrow()
                .getCount();
    }

    private static Map<String, Integer> strata(MeasureReport report, String group) {
        return report.getGroup().stream().filter(g -> group.equals(g.getCode().getText())).findFirst().orElseThrow()
                .getStratifierFirstRep().getStratum().stream()
                .collect(Collectors.toMap(s -> s.getValue().getCodingFirstRep().getCode(),
                        s -> s.getPopulationFirstRep().getCount()));
    }
}
