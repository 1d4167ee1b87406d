package org.hrgateway.search;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Date search (https://hl7.org/fhir/R4/search.html#date): every value, stored or searched, is the
 * range its precision covers, and the prefixes compare ranges (search.html#prefix). Dates written
 * without a zone are read in the server's default zone, Asia/Shanghai (+08:00).
 */
@QuarkusTest
class DateSearchTest {

    // Observation.effective of the observations the prefix tests write, with the range each covers.
    private static final String FEB_28 = "2026-02-28T10:00+08:00";
    private static final String MAR_15_AT_9 = "2026-03-15T09:00+08:00";
    private static final String MAR_15_WHOLE_DAY = "2026-03-15 (a date: the whole day in +08:00)";
    private static final String MAR_16 = "2026-03-16T10:00+08:00";
    private static final String FROM_MAR_15_NOON_OPEN = "period from 2026-03-15T12:00+08:00, no end";
    private static final String MAR_10_TO_20 = "period 2026-03-10 to 2026-03-20";
    private static final String Y2000_JAN_1 = "2000-01-01";
    private static final String Y2001_JUN_1 = "2001-06-01";
    private static final String Y1990_JAN_1 = "1990-01-01";

    private static MarkedResources effectiveObservations() {
        MarkedResources r = new MarkedResources();
        r.create(FEB_28, "Observation", "date/observation-effective-datetime.json", "effective", "2026-02-28T10:00:00+08:00");
        r.create(MAR_15_AT_9, "Observation", "date/observation-effective-datetime.json", "effective", "2026-03-15T09:00:00+08:00");
        r.create(MAR_15_WHOLE_DAY, "Observation", "date/observation-effective-datetime.json", "effective", "2026-03-15");
        r.create(MAR_16, "Observation", "date/observation-effective-datetime.json", "effective", "2026-03-16T10:00:00+08:00");
        r.create(FROM_MAR_15_NOON_OPEN, "Observation", "date/observation-effective-period-open.json",
                "start", "2026-03-15T12:00:00+08:00");
        r.create(MAR_10_TO_20, "Observation", "date/observation-effective-period.json",
                "start", "2026-03-10", "end", "2026-03-20");
        r.create(Y2000_JAN_1, "Observation", "date/observation-effective-datetime.json", "effective", "2000-01-01");
        r.create(Y2001_JUN_1, "Observation", "date/observation-effective-datetime.json", "effective", "2001-06-01");
        r.create(Y1990_JAN_1, "Observation", "date/observation-effective-datetime.json", "effective", "1990-01-01");
        return r;
    }

    /** Against 2026-03-15, i.e. [2026-03-15T00:00+08:00, 2026-03-16T00:00+08:00). */
    @Test
    void givenRangesAroundADay_whenEachPrefix_thenRangesComparedAsTheSpecSays() {
        MarkedResources r = effectiveObservations();
        Set<String> before = Set.of(FEB_28, Y2000_JAN_1, Y2001_JUN_1, Y1990_JAN_1);

        // eq: the day contains the whole stored range.
        assertEquals(Set.of(MAR_15_AT_9, MAR_15_WHOLE_DAY), r.search("Observation", "date", "2026-03-15"));
        assertEquals(Set.of(MAR_15_AT_9, MAR_15_WHOLE_DAY), r.search("Observation", "date", "eq2026-03-15"));
        // ne: it does not.
        assertEquals(union(before, Set.of(MAR_16, FROM_MAR_15_NOON_OPEN, MAR_10_TO_20)),
                r.search("Observation", "date", "ne2026-03-15"));
        // gt: the stored range reaches after the day; lt: it starts before it.
        assertEquals(Set.of(MAR_16, FROM_MAR_15_NOON_OPEN, MAR_10_TO_20), r.search("Observation", "date", "gt2026-03-15"));
        assertEquals(union(before, Set.of(MAR_10_TO_20)), r.search("Observation", "date", "lt2026-03-15"));
        // ge / le: gt / lt, or eq.
        assertEquals(Set.of(MAR_15_AT_9, MAR_15_WHOLE_DAY, MAR_16, FROM_MAR_15_NOON_OPEN, MAR_10_TO_20),
                r.search("Observation", "date", "ge2026-03-15"));
        assertEquals(union(before, Set.of(MAR_15_AT_9, MAR_15_WHOLE_DAY, MAR_10_TO_20)),
                r.search("Observation", "date", "le2026-03-15"));
        // sa / eb: the whole stored range is after / before the day.
        assertEquals(Set.of(MAR_16), r.search("Observation", "date", "sa2026-03-15"));
        assertEquals(before, r.search("Observation", "date", "eb2026-03-15"));
    }

    /**
     * ap: within about 10% of the distance between the value and now (search.html#prefix). From
     * 2000-06-01 that is more than 2.5 years for any run after 2025: 2000-01-01 and 2001-06-01 are
     * near, 1990 and 2026 are not.
     */
    @Test
    void givenDatesFarInThePast_whenAp_thenThoseWithinATenthOfTheDistanceToNow() {
        MarkedResources r = effectiveObservations();

        assertEquals(Set.of(Y2000_JAN_1, Y2001_JUN_1), r.search("Observation", "date", "ap2000-06-01"));
    }

    @Test
    void givenPartialSearchDates_whenSearch_thenTheYearMonthOrDayTheyCover() {
        MarkedResources r = effectiveObservations();

        assertEquals(Set.of(FEB_28, MAR_15_AT_9, MAR_15_WHOLE_DAY, MAR_16, MAR_10_TO_20),
                r.search("Observation", "date", "2026"), "the open period does not end in 2026");
        assertEquals(Set.of(MAR_15_AT_9, MAR_15_WHOLE_DAY, MAR_16, MAR_10_TO_20), r.search("Observation", "date", "2026-03"));
        assertEquals(Set.of(Y2000_JAN_1), r.search("Observation", "date", "2000"));
        assertEquals(Set.of(Y2001_JUN_1), r.search("Observation", "date", "2001-06"));
        assertEquals(Set.of(), r.search("Observation", "date", "2026-03-14"));
    }

    @Test
    void givenPeriodWithoutEnd_whenSearchFarAhead_thenStillCurrent() {
        MarkedResources r = effectiveObservations();

        assertEquals(Set.of(FROM_MAR_15_NOON_OPEN), r.search("Observation", "date", "ge2099-01-01"));
        assertEquals(Set.of(FROM_MAR_15_NOON_OPEN, MAR_10_TO_20, MAR_16),
                r.search("Observation", "date", "gt2026-03-16T00:00:00+08:00", "date", "lt2026-03-16T12:00:00+08:00"),
                "overlapping 2026-03-16 00:00-12:00 (+08:00): the open period, the period, MAR_16 at 10:00");
    }

    @Test
    void givenResultLateInTheEveningInChina_whenSearchByDayOrUtcWindow_thenTheSameInstant() {
        MarkedResources r = new MarkedResources();
        r.create("2026-11-20T23:30+08:00", "Observation", "date/observation-effective-datetime.json",
                "effective", "2026-11-20T23:30:00+08:00");
        r.create("2026-11-20T23:30Z", "Observation", "date/observation-effective-datetime.json",
                "effective", "2026-11-20T23:30:00Z");

        // A day without a zone is the day in +08:00; 23:30Z is 07:30 the next day there.
        assertEquals(Set.of("2026-11-20T23:30+08:00"), r.search("Observation", "date", "2026-11-20"));
        assertEquals(Set.of("2026-11-20T23:30Z"), r.search("Observation", "date", "2026-11-21"));
        // 23:30+08:00 is 15:30Z.
        assertEquals(Set.of("2026-11-20T23:30+08:00"),
                r.search("Observation", "date", "ge2026-11-20T15:00:00Z", "date", "lt2026-11-20T16:00:00Z"));
        assertEquals(Set.of("2026-11-20T23:30+08:00"), r.search("Observation", "date", "2026-11-20T15:30:00Z"));
        assertEquals(Set.of("2026-11-20T23:30+08:00"), r.search("Observation", "date", "2026-11-20T23:30:00+08:00"));
        assertEquals(Set.of("2026-11-20T23:30Z"), r.search("Observation", "date", "2026-11-21T07:30:00+08:00"));
    }

    @Test
    void givenBirthDates_whenBirthdate_thenByYearMonthDayAndPrefix() {
        MarkedResources r = new MarkedResources();
        r.create("1980-04-12", "Patient", "date/patient-birthdate.json", "birthDate", "1980-04-12");
        r.create("1980-05-01", "Patient", "date/patient-birthdate.json", "birthDate", "1980-05-01");
        r.create("1990-01-01", "Patient", "date/patient-birthdate.json", "birthDate", "1990-01-01");

        assertEquals(Set.of("1980-04-12", "1980-05-01"), r.search("Patient", "birthdate", "1980"));
        assertEquals(Set.of("1980-04-12"), r.search("Patient", "birthdate", "1980-04"));
        assertEquals(Set.of("1980-04-12"), r.search("Patient", "birthdate", "1980-04-12"));
        assertEquals(Set.of("1990-01-01"), r.search("Patient", "birthdate", "ne1980"));
        assertEquals(Set.of("1980-04-12"), r.search("Patient", "birthdate", "lt1980-05-01"));
        assertEquals(Set.of("1980-05-01", "1990-01-01"), r.search("Patient", "birthdate", "ge1980-05"));
        assertEquals(Set.of("1980-04-12", "1980-05-01"), r.search("Patient", "birthdate", "le1980-05-01"));
    }

    @Test
    void givenTwoWritesInTurn_whenLastUpdatedAroundThem_thenBeforeOrAfter() throws InterruptedException {
        MarkedResources r = new MarkedResources();
        String first = r.create("first", "Patient", "date/patient-birthdate.json", "birthDate", "1980-04-12");
        Thread.sleep(20);
        String second = r.create("second", "Patient", "date/patient-birthdate.json", "birthDate", "1980-04-12");
        String firstUpdated = lastUpdated(first);
        String secondUpdated = lastUpdated(second);
        assertTrue(OffsetDateTime.parse(firstUpdated).toInstant().isBefore(OffsetDateTime.parse(secondUpdated).toInstant()),
                firstUpdated + " before " + secondUpdated);

        assertEquals(Set.of("second"), r.search("Patient", "_lastUpdated", "gt" + firstUpdated));
        assertEquals(Set.of("first"), r.search("Patient", "_lastUpdated", "lt" + secondUpdated));
        assertEquals(Set.of("first", "second"), r.search("Patient", "_lastUpdated", "ge" + firstUpdated));
        assertEquals(Set.of("first"), r.search("Patient", "_lastUpdated", "le" + firstUpdated));
        assertEquals(Set.of("second"), r.search("Patient", "_lastUpdated", secondUpdated));
        String today = Instant.now().toString().substring(0, 4);
        assertEquals(Set.of("first", "second"), r.search("Patient", "_lastUpdated", "ge" + today));
    }

    @Test
    void givenMalformedDate_whenSearch_then400Invalid() {
        for (String malformed : new String[]{"2026-13-01", "2026-02-30", "20261120", "2026-11-20T25:00:00Z", "2026-11-20T08:30+8"}) {
            new MarkedResources().request().queryParam("date", malformed)
                    .when().get("/Observation")
                    .then().statusCode(400)
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].severity", equalTo("error"))
                    .body("issue[0].code", equalTo("invalid"))
                    .body("issue[0].diagnostics", startsWith("'" + malformed + "' is not a FHIR date"));
        }
    }

    @Test
    void givenUnknownPrefix_whenSearch_then400Invalid() {
        new MarkedResources().request().queryParam("date", "xx2026")
                .when().get("/Observation")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", startsWith("Unknown prefix 'xx' in 'xx2026'"));
    }

    private static String lastUpdated(String patientId) {
        return fhir().when().get("/Patient/" + patientId)
                .then().statusCode(200)
                .extract().path("meta.lastUpdated");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
