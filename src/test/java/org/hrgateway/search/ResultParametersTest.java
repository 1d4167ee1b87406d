package org.hrgateway.search;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The result parameters (search.html#return): `_sort`, `_count` with next/previous links, `_total`,
 * `_summary`, `_elements`, `_include` (also `*` and `:iterate`) and `_revinclude`. Every search is
 * restricted to a subject (or `_id`) that only the test's own resources have.
 */
@QuarkusTest
class ResultParametersTest {

    private static final String HEMOGLOBIN = "718-7";
    private static final String GLUCOSE = "2345-7";
    private static final String SUBSETTED = "SUBSETTED";

    private record Dated(String id, String code, String effective) {
    }

    private static String newSubject() {
        return "Patient/results-" + Fixtures.unique();
    }

    private static Dated dated(String subject, String code, String effective) {
        String id = created("Observation", SearchFixtures.load("observation-dated.json",
                "subject", subject, "code", code, "effective", effective));
        return new Dated(id, code, effective);
    }

    /** Five Observations of `subject`, written in an order that is neither by date nor by code. */
    private static List<Dated> fiveDated(String subject) {
        return List.of(
                dated(subject, HEMOGLOBIN, "2026-01-03T08:00:00+08:00"),
                dated(subject, HEMOGLOBIN, "2026-01-01T08:00:00+08:00"),
                dated(subject, GLUCOSE, "2026-01-02T08:00:00+08:00"),
                dated(subject, GLUCOSE, "2026-01-05T08:00:00+08:00"),
                dated(subject, HEMOGLOBIN, "2026-01-04T08:00:00+08:00"));
    }

    private static List<String> idsIn(List<Dated> written, Comparator<Dated> order) {
        return written.stream().sorted(order).map(Dated::id).toList();
    }

    private static Set<String> idsOf(List<Dated> written) {
        return Set.copyOf(written.stream().map(Dated::id).toList());
    }

    /** Follows a page link as the server wrote it, without encoding it again. */
    private static Searchset follow(String url) {
        return Searchset.of(RestAssured.given().header("Authorization", org.hrgateway.support.TestTokens.bearer()).urlEncodingEnabled(false).get(url));
    }

    // ---- _sort

    @Test
    void givenFiveDated_whenSortByDate_thenAscendingDates() {
        String subject = newSubject();
        List<Dated> written = fiveDated(subject);

        assertEquals(idsIn(written, Comparator.comparing(Dated::effective)), Searchset.of(fhir()
                .queryParam("subject", subject).queryParam("_sort", "date").get("/Observation")).matchIds());
    }

    @Test
    void givenFiveDated_whenSortByMinusDate_thenDescendingDates() {
        String subject = newSubject();
        List<Dated> written = fiveDated(subject);

        assertEquals(idsIn(written, Comparator.comparing(Dated::effective).reversed()), Searchset.of(fhir()
                .queryParam("subject", subject).queryParam("_sort", "-date").get("/Observation")).matchIds());
    }

    @Test
    void givenFiveDated_whenSortByCodeThenMinusDate_thenCodesAscendingAndDatesDescendingWithin() {
        String subject = newSubject();
        List<Dated> written = fiveDated(subject);

        Comparator<Dated> order = Comparator.comparing(Dated::code)
                .thenComparing(Comparator.comparing(Dated::effective).reversed());
        assertEquals(idsIn(written, order), Searchset.of(fhir()
                .queryParam("subject", subject).queryParam("_sort", "code,-date").get("/Observation")).matchIds());
    }

    @Test
    void whenSortByUnknownParameter_then400Invalid() {
        fhir().queryParam("_sort", "no-such-param").get("/Observation")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", containsString("'no-such-param'"));
    }

    // ---- _count and paging

    @Test
    void givenSevenMatches_whenCount3AndFollowingNext_thenPagesOf3And3And1EachMatchOnce() {
        String subject = newSubject();
        List<Dated> written = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            written.add(dated(subject, HEMOGLOBIN, "2026-02-0" + day + "T08:00:00+08:00"));
        }

        Searchset page = Searchset.of(fhir().queryParam("subject", subject)
                .queryParam("code", "http://loinc.org|" + HEMOGLOBIN).queryParam("_count", "3").get("/Observation"));
        List<Integer> sizes = new ArrayList<>();
        List<String> collected = new ArrayList<>();
        List<Searchset> pages = new ArrayList<>();
        assertNull(page.link("previous"), "the first page has no previous link");
        // `|` is no URI character (RFC 3986): the links carry it encoded, and so can be sent as they are.
        assertTrue(page.link("self").contains("code=http://loinc.org%7C" + HEMOGLOBIN), page.link("self"));
        while (true) {
            pages.add(page);
            sizes.add(page.matchIds().size());
            collected.addAll(page.matchIds());
            if (page.link("next") == null) {
                break;
            }
            assertTrue(page.link("next").startsWith(page.base() + "/Observation?"), page.link("next"));
            page = follow(page.link("next"));
        }

        assertEquals(List.of(3, 3, 1), sizes);
        assertEquals(collected.size(), Set.copyOf(collected).size(), "no match twice: " + collected);
        assertEquals(idsOf(written), Set.copyOf(collected));

        // ... and back again from the last page, page by page.
        List<String> backwards = new ArrayList<>(page.matchIds());
        for (int n = pages.size() - 2; n >= 0; n--) {
            page = follow(page.link("previous"));
            assertEquals(pages.get(n).matchIds(), page.matchIds(), "page " + n + " read backwards");
            backwards.addAll(0, page.matchIds());
        }
        assertNull(page.link("previous"), "back at the first page");
        assertEquals(collected, backwards);
    }

    @Test
    void givenFiveDated_whenSortedByDateTwoPerPage_thenPagesContinueTheOrder() {
        String subject = newSubject();
        List<Dated> written = fiveDated(subject);

        List<String> collected = collectAll(fhir().queryParam("subject", subject).queryParam("_sort", "-date")
                .queryParam("_count", "2"), "Observation", page -> { });

        assertEquals(idsIn(written, Comparator.comparing(Dated::effective).reversed()), collected);
    }

    @Test
    void givenPagingInInsertionOrder_whenMatchesWrittenBetweenPages_thenEveryEarlierMatchOnce() {
        String subject = newSubject();
        List<Dated> before = new ArrayList<>();
        for (int day = 1; day <= 6; day++) {
            before.add(dated(subject, HEMOGLOBIN, "2026-03-0" + day + "T08:00:00+08:00"));
        }
        List<Dated> during = new ArrayList<>();

        List<String> collected = collectAll(fhir().queryParam("subject", subject).queryParam("_count", "2"),
                "Observation", page -> during.add(dated(subject, HEMOGLOBIN, "2026-03-01T09:00:00+08:00")));

        assertPagedOnceEach(before, during, collected);
    }

    @Test
    void givenPagingByDescendingDate_whenMatchesWrittenBetweenPagesOnBothSidesOfTheCursor_thenEveryEarlierMatchOnce() {
        String subject = newSubject();
        List<Dated> before = new ArrayList<>();
        for (int day = 1; day <= 8; day += 1) {
            before.add(dated(subject, HEMOGLOBIN, "2026-04-0" + day + "T08:00:00+08:00"));
        }
        List<Dated> during = new ArrayList<>();
        int[] round = {0};

        List<String> collected = collectAll(fhir().queryParam("subject", subject).queryParam("_sort", "-date")
                .queryParam("_count", "3"), "Observation", page -> {
                    round[0]++;
                    // One sorts before every page read so far, one among those still to come, one at the same date.
                    during.add(dated(subject, HEMOGLOBIN, "2026-04-09T08:00:00+08:00"));
                    during.add(dated(subject, HEMOGLOBIN, "2026-04-0" + Math.max(1, 6 - round[0]) + "T12:00:00+08:00"));
                    during.add(dated(subject, HEMOGLOBIN, "2026-04-0" + Math.max(1, 7 - 3 * round[0]) + "T08:00:00+08:00"));
                });

        assertPagedOnceEach(before, during, collected);
    }

    private static void assertPagedOnceEach(List<Dated> before, List<Dated> during, List<String> collected) {
        assertEquals(collected.size(), Set.copyOf(collected).size(), "no match twice: " + collected);
        Set<String> seenOfBefore = new HashSet<>(collected);
        seenOfBefore.retainAll(idsOf(before));
        assertEquals(idsOf(before), seenOfBefore, "every match that existed when paging started");
        Set<String> foreign = new HashSet<>(collected);
        foreign.removeAll(idsOf(before));
        foreign.removeAll(idsOf(during));
        assertEquals(Set.of(), foreign, "nothing the test did not write");
    }

    /** Reads the first page, then follows next links to the end; `betweenPages` runs after each page. */
    private static List<String> collectAll(RequestSpecification first, String type, Consumer<Searchset> betweenPages) {
        Searchset page = Searchset.of(first.get("/" + type));
        List<String> collected = new ArrayList<>(page.matchIds());
        int pages = 1;
        while (page.link("next") != null) {
            betweenPages.accept(page);
            page = follow(page.link("next"));
            collected.addAll(page.matchIds());
            assertTrue(++pages < 50, "paging does not end");
        }
        return collected;
    }

    @Test
    void givenMatches_whenCount0_thenNoEntriesButTotalWhenAsked() {
        String subject = newSubject();
        fiveDated(subject);

        Searchset page = Searchset.of(fhir().queryParam("subject", subject).queryParam("_count", "0")
                .queryParam("_total", "accurate").get("/Observation"));

        assertEquals(List.of(), page.matchIds());
        assertEquals(5, page.total());
    }

    // ---- _total

    @Test
    void givenFiveMatches_whenTotalAccurateOnPageOf2_thenTotal5() {
        String subject = newSubject();
        fiveDated(subject);

        Searchset page = Searchset.of(fhir().queryParam("subject", subject).queryParam("_count", "2")
                .queryParam("_total", "accurate").get("/Observation"));

        assertEquals(2, page.matchIds().size());
        assertEquals(5, page.total());
    }

    @Test
    void givenFiveMatches_whenTotalNoneOnPageOf2_thenNoTotal() {
        String subject = newSubject();
        fiveDated(subject);

        Searchset page = Searchset.of(fhir().queryParam("subject", subject).queryParam("_count", "2")
                .queryParam("_total", "none").get("/Observation"));

        assertEquals(2, page.matchIds().size());
        assertNull(page.total());
    }

    @Test
    void givenFiveMatches_whenTotalEstimateOnPageOf2_thenSomeNonNegativeTotal() {
        String subject = newSubject();
        fiveDated(subject);

        Searchset page = Searchset.of(fhir().queryParam("subject", subject).queryParam("_count", "2")
                .queryParam("_total", "estimate").get("/Observation"));

        assertEquals(2, page.matchIds().size());
        assertNotNull(page.total(), "an estimate is given");
        assertTrue(page.total() >= 0);
    }

    @Test
    void givenFiveMatches_whenAllOnFirstPage_thenExactTotalWithoutAsking() {
        String subject = newSubject();
        List<Dated> written = fiveDated(subject);

        Searchset page = Searchset.of(fhir().queryParam("subject", subject).get("/Observation"));

        assertEquals(idsOf(written), Set.copyOf(page.matchIds()));
        assertEquals(5, page.total());
    }

    // ---- _summary and _elements

    private static Map<String, Object> onlyMatch(String subject, String param, String value) {
        Searchset page = Searchset.of(fhir().queryParam("subject", subject).queryParam(param, value).get("/Observation"));
        assertEquals(1, page.matchResources().size());
        return page.matchResources().get(0);
    }

    private static String withNarrativeAndNote(String subject) {
        return created("Observation", SearchFixtures.load("observation-with-narrative-and-note.json", "subject", subject));
    }

    @SuppressWarnings("unchecked")
    private static List<String> tags(Map<String, Object> resource) {
        Map<String, Object> meta = (Map<String, Object>) resource.get("meta");
        List<Map<String, Object>> tags = meta == null ? null : (List<Map<String, Object>>) meta.get("tag");
        return tags == null ? List.of() : tags.stream().map(tag -> (String) tag.get("code")).toList();
    }

    @Test
    void givenMatches_whenSummaryCount_thenTotalAndNoEntries() {
        String subject = newSubject();
        fiveDated(subject);

        Searchset page = Searchset.of(fhir().queryParam("subject", subject).queryParam("_summary", "count")
                .get("/Observation"));

        assertEquals(5, page.total());
        assertNull(page.json().get("entry"));
    }

    @Test
    void givenObservationWithNote_whenSummaryTrue_thenSummaryElementsOnlyAndSubsettedTag() {
        String subject = newSubject();
        String id = withNarrativeAndNote(subject);

        Map<String, Object> resource = onlyMatch(subject, "_summary", "true");

        assertEquals(id, resource.get("id"));
        assertTrue(resource.containsKey("code") && resource.containsKey("valueQuantity")
                && resource.containsKey("subject") && resource.containsKey("status"), resource.toString());
        assertFalse(resource.containsKey("note") || resource.containsKey("interpretation")
                || resource.containsKey("text"), resource.toString());
        assertTrue(tags(resource).contains(SUBSETTED), resource.toString());
    }

    @Test
    void givenObservationWithNote_whenSummaryText_thenNarrativeIdMetaAndMandatoryElements() {
        String subject = newSubject();
        String id = withNarrativeAndNote(subject);

        Map<String, Object> resource = onlyMatch(subject, "_summary", "text");

        assertEquals(id, resource.get("id"));
        assertTrue(resource.containsKey("text"), resource.toString());
        // search.html#summary: text, id, meta "and only top-level mandatory elements" (status and code)
        assertTrue(resource.containsKey("status") && resource.containsKey("code"), resource.toString());
        assertFalse(resource.containsKey("note") || resource.containsKey("valueQuantity")
                || resource.containsKey("subject"), resource.toString());
        assertTrue(tags(resource).contains(SUBSETTED), resource.toString());
    }

    @Test
    void givenObservationWithNote_whenSummaryData_thenAllButNarrative() {
        String subject = newSubject();
        withNarrativeAndNote(subject);

        Map<String, Object> resource = onlyMatch(subject, "_summary", "data");

        assertFalse(resource.containsKey("text"), resource.toString());
        assertTrue(resource.containsKey("note") && resource.containsKey("interpretation")
                && resource.containsKey("valueQuantity"), resource.toString());
        assertTrue(tags(resource).contains(SUBSETTED), resource.toString());
    }

    @Test
    void givenObservationWithNote_whenSummaryFalse_thenWholeResource() {
        String subject = newSubject();
        withNarrativeAndNote(subject);

        Map<String, Object> resource = onlyMatch(subject, "_summary", "false");

        assertTrue(resource.containsKey("text") && resource.containsKey("note")
                && resource.containsKey("valueQuantity"), resource.toString());
        assertFalse(tags(resource).contains(SUBSETTED), resource.toString());
    }

    @Test
    void givenObservationWithNote_whenElementsCodeAndSubject_thenEntriesHoldOnlyThoseWithIdAndMeta() {
        String subject = newSubject();
        String id = withNarrativeAndNote(subject);

        Searchset page = Searchset.of(fhir().queryParam("subject", subject).queryParam("_elements", "code,subject")
                .get("/Observation"));
        Map<String, Object> resource = page.matchResources().get(0);

        assertEquals(List.of(id), page.matchIds());
        assertEquals(1, page.total(), "the Bundle's own elements are not subsetted");
        assertTrue(resource.containsKey("code") && resource.containsKey("subject"), resource.toString());
        assertFalse(resource.containsKey("valueQuantity") || resource.containsKey("note")
                || resource.containsKey("text") || resource.containsKey("effectiveDateTime"), resource.toString());
        assertTrue(tags(resource).contains(SUBSETTED), resource.toString());
    }

    // ---- _include and _revinclude

    /** A report on a Patient, performed by one lab, with two results performed by two others. */
    private record Report(String report, String patient, String reportLab, String hb, String hbLab,
                          String glucose, String glucoseLab) {
    }

    private static Report report() {
        String unique = Fixtures.unique();
        String patient = created("Patient", Fixtures.load("patient-resident.json"));
        String reportLab = lab("report-" + unique);
        String hbLab = lab("hb-" + unique);
        String glucoseLab = lab("glucose-" + unique);
        String hb = created("Observation", SearchFixtures.load("observation-performed-by.json",
                "subject", "Patient/" + patient, "code", HEMOGLOBIN, "performer", "Organization/" + hbLab));
        String glucose = created("Observation", SearchFixtures.load("observation-performed-by.json",
                "subject", "Patient/" + patient, "code", GLUCOSE, "performer", "Organization/" + glucoseLab));
        String report = created("DiagnosticReport", SearchFixtures.load("diagnostic-report-with-results.json",
                "subject", "Patient/" + patient, "performer", "Organization/" + reportLab,
                "result1", "Observation/" + hb, "result2", "Observation/" + glucose));
        return new Report(report, patient, reportLab, hb, hbLab, glucose, glucoseLab);
    }

    private static String lab(String institution) {
        return created("Organization", SearchFixtures.load("organization-lab.json",
                "institution", institution, "name", "Lab " + institution));
    }

    @Test
    void givenReportWithResults_whenIncludeResult_thenResultsAsIncludeEntries() {
        Report written = report();

        Searchset page = Searchset.of(fhir().queryParam("_id", written.report())
                .queryParam("_include", "DiagnosticReport:result").get("/DiagnosticReport"));

        assertEquals(List.of(written.report()), page.matchIds());
        assertEquals(Set.of("Observation/" + written.hb(), "Observation/" + written.glucose()), page.includes());
        assertEquals(List.of("match", "include", "include"), page.modes());
        assertEquals(1, page.total(), "the total counts matches, not includes");
    }

    @Test
    void givenReportWithResults_whenIncludeResultThenIterateToPerformer_thenResultsAndTheirLabs() {
        Report written = report();

        Searchset page = Searchset.of(fhir().queryParam("_id", written.report())
                .queryParam("_include", "DiagnosticReport:result")
                .queryParam("_include:iterate", "Observation:performer").get("/DiagnosticReport"));

        assertEquals(List.of(written.report()), page.matchIds());
        assertEquals(Set.of("Observation/" + written.hb(), "Observation/" + written.glucose(),
                "Organization/" + written.hbLab(), "Organization/" + written.glucoseLab()), page.includes());
        assertEquals(List.of("match", "include", "include", "include", "include"), page.modes());
    }

    @Test
    void givenReportWithResults_whenIncludeWithoutIterateFromAnotherType_then400() {
        Report written = report();

        fhir().queryParam("_id", written.report())
                .queryParam("_include", "Observation:performer").get("/DiagnosticReport")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", containsString(":iterate"));
    }

    @Test
    void givenReportWithResults_whenIncludeStar_thenEveryResourceTheReportReferences() {
        Report written = report();

        Searchset page = Searchset.of(fhir().queryParam("_id", written.report())
                .queryParam("_include", "*").get("/DiagnosticReport"));

        assertEquals(List.of(written.report()), page.matchIds());
        assertEquals(Set.of("Patient/" + written.patient(), "Organization/" + written.reportLab(),
                "Observation/" + written.hb(), "Observation/" + written.glucose()), page.includes());
    }

    @Test
    void givenReportWithResults_whenIncludeResultOfTargetType_thenResults() {
        Report written = report();

        Searchset page = Searchset.of(fhir().queryParam("_id", written.report())
                .queryParam("_include", "DiagnosticReport:result:Observation").get("/DiagnosticReport"));

        assertEquals(Set.of("Observation/" + written.hb(), "Observation/" + written.glucose()), page.includes());
    }

    @Test
    void givenPatientWithObservationsAndReport_whenRevincludeObservationSubject_thenOnlyTheObservations() {
        Report written = report();

        Searchset page = Searchset.of(fhir().queryParam("_id", written.patient())
                .queryParam("_revinclude", "Observation:subject").get("/Patient"));

        assertEquals(List.of(written.patient()), page.matchIds());
        assertEquals(Set.of("Observation/" + written.hb(), "Observation/" + written.glucose()), page.includes());
        assertEquals(List.of("match", "include", "include"), page.modes());
    }

    /** `Observation/x` on another server is not this server's Observation/x, so it is not included. */
    @Test
    void givenResultOnAnotherServerWithALocalId_whenIncludeResult_thenOnlyTheLocalResult() {
        Report written = report();
        String patient = "Patient/" + written.patient();
        String report = created("DiagnosticReport", SearchFixtures.load("diagnostic-report-with-results.json",
                "subject", patient, "performer", "Organization/" + written.reportLab(),
                "result1", "Observation/" + written.hb(),
                "result2", "http://other-gateway.example.org/fhir/Observation/" + written.glucose()));

        Searchset page = Searchset.of(fhir().queryParam("_id", report)
                .queryParam("_include", "DiagnosticReport:result").get("/DiagnosticReport"));

        assertEquals(Set.of("Observation/" + written.hb()), page.includes());
    }

    @Test
    void givenObservationOfAPatientOnAnotherServerWithALocalId_whenRevinclude_thenNotIncluded() {
        Report written = report();
        created("Observation", SearchFixtures.load("observation-of-subject.json", "unique", Fixtures.unique(),
                "subject", "http://other-gateway.example.org/fhir/Patient/" + written.patient()));

        Searchset page = Searchset.of(fhir().queryParam("_id", written.patient())
                .queryParam("_revinclude", "Observation:subject").get("/Patient"));

        assertEquals(Set.of("Observation/" + written.hb(), "Observation/" + written.glucose()), page.includes());
    }

    @Test
    void givenPatientWithObservationsAndReport_whenTwoRevincludes_thenObservationsAndReport() {
        Report written = report();

        Searchset page = Searchset.of(fhir().queryParam("_id", written.patient())
                .queryParam("_revinclude", "Observation:subject", "DiagnosticReport:subject").get("/Patient"));

        assertEquals(List.of(written.patient()), page.matchIds());
        assertEquals(Set.of("Observation/" + written.hb(), "Observation/" + written.glucose(),
                "DiagnosticReport/" + written.report()), page.includes());
    }
}
