package org.hrgateway.view;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hrgateway.operation.recognize.RecognitionWorld;
import org.hrgateway.support.FhirApi;
import org.hrgateway.support.Fixtures;
import org.hrgateway.support.TestTokens;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.support.FhirApi.fhirAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authority dashboard (`$recognition-report?_format=html` and `_format=csv`): every figure it
 * shows is the report's, asked the same way. The browser tests look at it rendered.
 */
@QuarkusTest
class DashboardTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    /** The gateway's time zone (hr.default-timezone): the dashboard's dates are its days. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** A hospital that asked, ordered and declined: what its figures count. */
    record Scene(String hospital, String lab) {
    }

    static Scene scene() {
        RecognitionWorld.Morning morning = new RecognitionWorld().hospitalMorning("mrn-board");
        return new Scene(morning.hospital(), morning.lab());
    }

    @Test
    void givenCallsDeclinesAndRepeats_whenShown_thenEveryFigureIsTheReports() {
        Scene scene = scene();
        Map<String, String> query = query("Organization/" + scene.hospital(), null);
        MeasureReport report = report(query);
        Document page = page(query, null);

        assertEquals(count(report, "recognize-calls", "initial-population"), tile(page, "recognize-calls"));
        assertEquals(2, tile(page, "recognize-calls"));
        assertEquals(count(report, "items", "initial-population"), tile(page, "items"));
        assertEquals(count(report, "items", "recognized"), tile(page, "recognized"));
        assertEquals(count(report, "items", "not-recognized"), tile(page, "not-recognized"));
        assertEquals(count(report, "declines", "initial-population"), tile(page, "declines"));
        assertEquals(count(report, "unjustified-repeats", "initial-population"), tile(page, "unjustified-repeats"));
        assertEquals(2, tile(page, "unjustified-repeats"));
        assertEquals(count(report, "orders-replaced", "initial-population"), tile(page, "orders-replaced"));
        // 1 recognized of 3 judged (the not-applicable item is not judged).
        assertEquals("33.3%", page.selectFirst("#tile-recognition-rate .value").text());
        assertEquals(strata(report, "items"), bars(page, "ul.reasons li"));
        assertEquals(Map.of("expired", 1, "no-prior-result", 1), bars(page, "ul.reasons li"));
        assertEquals(strata(report, "declines"), bars(page, "ul.declines li"));
        assertEquals(count(report, "items", "not-applicable"),
                Integer.parseInt(page.selectFirst("li.item-count[data-code=not-applicable]").attr("data-count")));

        // The drill-down lists the very DetectedIssues the report lists, each with its order and ordering institution.
        assertEquals(Set.copyOf(listed(report)), page.select("tr.repeat").stream().map(row -> row.attr("data-issue"))
                .collect(Collectors.toSet()));
        for (Element row : page.select("tr.repeat")) {
            assertTrue(row.attr("data-order").startsWith("ServiceRequest/"), row.outerHtml());
            assertTrue(row.text().contains("Laboratory "), "the ordering institution is named: " + row.text());
            assertTrue(row.selectFirst("a").attr("href").endsWith("?_format=html"), "a link to the earlier result's page");
        }

        // The trend's days add up to the report's totals.
        List<Element> days = page.select("g.trend-part");
        assertEquals(2, days.size());
        assertEquals(count(report, "items", "recognized"), days.stream().mapToInt(day -> Integer.parseInt(day.attr("data-recognized"))).sum());
        assertEquals(count(report, "items", "recognized") + count(report, "items", "not-recognized"),
                days.stream().mapToInt(day -> Integer.parseInt(day.attr("data-judged"))).sum());
        assertEquals("互认率", page.selectFirst("#tile-recognition-rate .label").text());
    }

    @Test
    void givenTheSameQuery_whenExported_thenTheCsvHoldsTheFiguresShown() throws Exception {
        Scene scene = scene();
        Map<String, String> query = query("Organization/" + scene.hospital(), null);
        MeasureReport report = report(query);
        var export = fhir().queryParams(query).queryParam("_format", "csv").when().get("/$recognition-report")
                .then().statusCode(200).contentType(startsWith("text/csv")).header("Content-Disposition", containsString(".csv"))
                .extract();
        String csv = new String(export.asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFF"), "a byte order mark, for spreadsheets to read the Chinese labels");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.substring(1))).getRecords();

        assertEquals(String.valueOf(count(report, "recognize-calls", "initial-population")), value(rows, "recognize-calls", ""));
        assertEquals(String.valueOf(count(report, "items", "recognized")), value(rows, "items", "recognized"));
        assertEquals(String.valueOf(count(report, "items", "not-recognized")), value(rows, "items", "not-recognized"));
        assertEquals(String.valueOf(count(report, "unjustified-repeats", "initial-population")),
                value(rows, "unjustified-repeats", ""));
        assertEquals("0.3333", value(rows, "recognition-rate", ""));
        assertEquals("1", value(rows, "not-recognized-reason", "expired"));
        assertEquals("1", value(rows, "decline-reason", "condition-changed"));
        assertEquals("Organization/" + scene.hospital(), value(rows, "filter", "organization"));
        assertEquals(2, rows.stream().filter(row -> row.get("figure").equals("trend-rate")).count());

        String repeats = fhir().queryParams(query).queryParam("_format", "csv").queryParam("part", "repeats")
                .when().get("/$recognition-report").then().statusCode(200).extract().asString();
        List<CSVRecord> repeatRows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(repeats.substring(1))).getRecords();
        assertEquals(Set.copyOf(listed(report)), repeatRows.stream().map(row -> row.get("detected-issue")).collect(Collectors.toSet()));
        assertTrue(repeatRows.stream().allMatch(row -> row.get("ordered-by").equals("Organization/" + scene.hospital())));
    }

    @Test
    void givenCertificationsEndingAtDifferentTimes_whenShown_thenOnlyThoseLapsingSoonAreListed() {
        LocalDate today = LocalDate.now(ZONE);
        String soon = lab("hematology", today.plusDays(30));
        String renewed = lab("hematology", today.plusDays(30), today.plusYears(2));
        String later = lab("hematology", today.plusDays(200));
        String lapsed = lab("hematology", today.minusDays(3));

        for (String lab : List.of(soon, renewed, later, lapsed)) {
            Document page = page(query("Organization/" + lab, null), null);
            List<Element> rows = page.select("tr.lapse");
            if (lab.equals(soon)) {
                assertEquals(1, rows.size());
                assertEquals("hematology", rows.get(0).attr("data-category"));
                assertEquals("30", rows.get(0).selectFirst("td.number").text());
            } else {
                assertEquals(0, rows.size(), "not lapsing soon: " + lab);
            }
        }
        // Another category's filter leaves it out; the export lists what the page does.
        assertEquals(0, page(query("Organization/" + soon, "biochemistry"), null).select("tr.lapse").size());
        String csv = fhir().queryParams(query("Organization/" + soon, null)).queryParam("_format", "csv")
                .queryParam("part", "certifications").when().get("/$recognition-report").then().statusCode(200)
                .extract().asString();
        assertTrue(csv.contains("Organization/" + soon + ",") && csv.contains(today.plusDays(30).toString()), csv);
    }

    @Test
    void givenEnglish_whenShown_thenLabelsAreEnglishAndTheFiltersKeepTheirChoice() {
        Scene scene = scene();
        Document page = page(query("Organization/" + scene.hospital(), "hematology"), "en");
        assertEquals("Recognition rate", page.selectFirst("#tile-recognition-rate .label").text());
        assertEquals("Organization/" + scene.hospital(), page.selectFirst("select[name=organization] option[selected]").val());
        assertEquals("hematology", page.selectFirst("select[name=category] option[selected]").val());
        assertFalse(page.select("select[name=category] option").isEmpty());
    }

    @Test
    void givenNoPeriod_whenShown_thenTheLastTwelveMonthsMonthByMonth() {
        Document page = page(Map.of(), null);
        List<Element> months = page.select("g.trend-part");
        assertEquals(12, months.size());
        LocalDate today = LocalDate.now(ZONE);
        assertEquals(today.withDayOfMonth(1).minusMonths(11) + "/" + today.withDayOfMonth(1).minusMonths(11)
                .plusMonths(1).minusDays(1), months.get(0).attr("data-period"));
        assertEquals(today.withDayOfMonth(1) + "/" + today, months.get(11).attr("data-period"));
    }

    @Test
    void givenBadRequests_whenShown_thenOperationOutcomesWithTheRightStatus() {
        fhir().queryParam("_format", "html").queryParam("period-start", "last week").when().get("/$recognition-report")
                .then().statusCode(400).body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("period-start"));
        fhir().queryParam("_format", "html").queryParam("period-start", "2026-12-01").queryParam("period-end", "2026-11-01")
                .when().get("/$recognition-report").then().statusCode(400).body("issue[0].diagnostics", containsString("before"));
        fhir().queryParam("_format", "csv").queryParam("part", "everything").when().get("/$recognition-report")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("part"));
        fhir().queryParam("_format", "html").queryParam("category", "astrology").when().get("/$recognition-report")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("astrology"));
        fhir().queryParam("_format", "html").queryParam("scope", "province").when().get("/$recognition-report")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("hr.city"));
        fhir().queryParam("_format", "html").queryParam("scope", "county").when().get("/$recognition-report")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("scope"));
        fhirAs(null).queryParam("_format", "html").when().get("/$recognition-report").then().statusCode(401);
        // The report's own rights (audit trail and decisions), and the orders the page lists.
        String institution = "BOARD-" + Fixtures.unique();
        fhirAs(TestTokens.user(institution, "user/AuditEvent.rs user/DetectedIssue.rs")).queryParam("_format", "html")
                .when().get("/$recognition-report").then().statusCode(403);
        fhirAs(TestTokens.user(institution, "user/ServiceRequest.rs")).queryParam("_format", "html")
                .when().get("/$recognition-report").then().statusCode(403);
        fhirAs(TestTokens.user(institution, "user/AuditEvent.rs user/DetectedIssue.rs user/ServiceRequest.rs"))
                .queryParam("_format", "html").when().get("/$recognition-report").then().statusCode(200);
    }

    private static String lab(String category, LocalDate... ends) {
        Organization lab = new Organization();
        lab.setName("Laboratory " + Fixtures.unique());
        LocalDate start = LocalDate.of(2020, 1, 1);
        for (LocalDate end : ends) {
            Extension certification = lab.addExtension().setUrl(RecognitionWorld.EQA);
            certification.addExtension("category", new Coding(RecognitionWorld.BASE + "/CodeSystem/mr-category", category, null));
            certification.addExtension("period", new Period().setStartElement(new DateTimeType(start.toString()))
                    .setEndElement(new DateTimeType(end.toString())));
            start = end.plusDays(1);
        }
        return FhirApi.created("Organization", RecognitionWorld.json(lab));
    }

    /** Yesterday and today (in the gateway's zone): whatever the test wrote, even across midnight. */
    static Map<String, String> query(String organization, String category) {
        LocalDate today = LocalDate.now(ZONE);
        Map<String, String> query = new HashMap<>(Map.of("period-start", today.minusDays(1).toString(),
                "period-end", today.toString()));
        if (organization != null) {
            query.put("organization", organization);
        }
        if (category != null) {
            query.put("category", category);
        }
        return query;
    }

    static MeasureReport report(Map<String, String> query) {
        String body = fhir().queryParams(query).when().get("/$recognition-report").then().statusCode(200).extract().asString();
        return FHIR.newJsonParser().parseResource(MeasureReport.class, body);
    }

    private static Document page(Map<String, String> query, String language) {
        var request = fhir().queryParams(query).queryParam("_format", "html");
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return Jsoup.parse(request.when().get("/$recognition-report").then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString());
    }

    private static int tile(Document page, String id) {
        return Integer.parseInt(page.selectFirst("#tile-" + id + " .value").text());
    }

    private static Map<String, Integer> bars(Document page, String selector) {
        return page.select(selector).stream().collect(Collectors.toMap(bar -> bar.attr("data-code"),
                bar -> Integer.parseInt(bar.attr("data-count"))));
    }

    private static String value(List<CSVRecord> rows, String figure, String code) {
        return rows.stream().filter(row -> row.get("figure").equals(figure) && row.get("code").equals(code))
                .map(row -> row.get("value")).findFirst().orElseThrow(() -> new AssertionError("no row " + figure + "/" + code));
    }

    static int count(MeasureReport report, String group, String population) {
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

    /** The DetectedIssues the unjustified repeats' population lists, as the report's JSON carries them. */
    private static List<String> listed(MeasureReport report) {
        String target = report.getGroup().stream().filter(g -> "unjustified-repeats".equals(g.getCode().getText()))
                .findFirst().orElseThrow().getPopulationFirstRep().getSubjectResults().getReference();
        return report.getContained().stream().filter(ListResource.class::isInstance).map(ListResource.class::cast)
                .filter(list -> target.endsWith(list.getIdElement().getIdPart().replaceFirst("^#", "")))
                .findFirst().orElseThrow().getEntry().stream().map(entry -> entry.getItem().getReference()).toList();
    }
}
