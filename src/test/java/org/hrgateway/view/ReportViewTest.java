package org.hrgateway.view;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.operation.recognize.RecognitionWorld;
import org.hrgateway.support.FhirApi;
import org.hrgateway.support.Fixtures;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.support.FhirApi.fhirAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report view (`_format=html`) as its HTML says it; the browser tests look at it rendered. */
@QuarkusTest
class ReportViewTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String BASE = RecognitionWorld.BASE;

    /** A patient, a certified tertiary laboratory, and a report of haemoglobin (high) and platelets from yesterday. */
    record Scene(String patient, String residentId, String lab, String labName, String haemoglobin,
                         String platelets, String report) {
    }

    static Scene scene(boolean reportMarked, boolean haemoglobinMarked, boolean plateletsMarked, Instant taken) {
        RecognitionWorld world = new RecognitionWorld();
        String patient = world.patient("mrn-view");
        Organization lab = new Organization();
        String labName = "济南市中心医院检验科 " + Fixtures.unique();
        lab.setName(labName);
        lab.addExtension(BASE + "/StructureDefinition/hospital-level", new Coding(BASE + "/CodeSystem/mr-hospital-level",
                "tertiary", null));
        Extension certification = lab.addExtension().setUrl(RecognitionWorld.EQA);
        certification.addExtension("category", new Coding(BASE + "/CodeSystem/mr-category", "hematology", null));
        certification.addExtension("period", new Period().setStartElement(new DateTimeType("2020-01-01"))
                .setEndElement(new DateTimeType("2099-12-31")));
        String labId = created(lab);
        String haemoglobin = created(observation(patient, labId, "718-7", "182", "g/L", "130", "175", "H", haemoglobinMarked, taken));
        String platelets = created(observation(patient, labId, "777-3", "250", "10*9/L", "125", "350", null, plateletsMarked, taken));
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.getCode().addCoding(new Coding(RecognitionWorld.LOINC, "58410-2", null)).setText("血常规");
        report.setSubject(new Reference("Patient/" + patient));
        report.setEffective(new DateTimeType(Date.from(taken)));
        report.setIssued(Date.from(taken.plus(Duration.ofHours(2))));
        report.addPerformer(new Reference("Organization/" + labId));
        report.addResult(new Reference("Observation/" + haemoglobin));
        report.addResult(new Reference("Observation/" + platelets));
        if (reportMarked) {
            report.addExtension(RecognitionWorld.MARK, new Coding(BASE + "/CodeSystem/mr-mark", "HR", null));
        }
        return new Scene(patient, world.residentId, labId, labName, haemoglobin, platelets, created(report));
    }

    private static Observation observation(String patient, String lab, String code, String value, String unit, String low,
                                           String high, String interpretation, boolean marked, Instant taken) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category",
                "laboratory", null)));
        observation.getCode().addCoding(new Coding(RecognitionWorld.LOINC, code, null));
        observation.setSubject(new Reference("Patient/" + patient));
        observation.setEffective(new DateTimeType(Date.from(taken)));
        observation.setIssued(Date.from(taken.plus(Duration.ofHours(2))));
        observation.addPerformer(new Reference("Organization/" + lab));
        observation.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(unit));
        observation.addReferenceRange().setLow(new Quantity().setValue(new BigDecimal(low)).setUnit(unit))
                .setHigh(new Quantity().setValue(new BigDecimal(high)).setUnit(unit));
        if (interpretation != null) {
            observation.addInterpretation(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", interpretation, null)));
        }
        if (marked) {
            observation.addExtension(RecognitionWorld.MARK, new Coding(BASE + "/CodeSystem/mr-mark", "HR", null));
        }
        return observation;
    }

    private static String created(Resource resource) {
        return FhirApi.created(resource.fhirType(), FHIR.newJsonParser().encodeResourceToString(resource));
    }

    private static Document page(String path, String language) {
        var request = fhir();
        if (language != null) {
            request.header("Accept-Language", language);
        }
        String html = request.queryParam("_format", "html").when().get(path).then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString();
        return Jsoup.parse(html);
    }

    private static Element row(Document page, String code) {
        Element row = page.selectFirst("tr.item[data-code=" + code + "]");
        assertNotNull(row, "no row for " + code + " in " + page.select("#results").outerHtml());
        return row;
    }

    @Test
    void givenAMarkedReport_whenViewed_thenTheMarkTheItemsTheirFlagsAndTodaysStatusInChinese() {
        Scene scene = scene(true, true, true, Instant.now().minus(Duration.ofDays(1)));
        Document page = page("/DiagnosticReport/" + scene.report(), null);

        assertNotNull(page.getElementById("hr-mark"));
        assertEquals("zh", page.selectFirst("html").attr("lang"));
        assertEquals(scene.labName(), page.getElementById("institution").text());
        assertEquals("三级", page.getElementById("level").text());
        assertEquals("机构等级：三级", page.getElementById("level").parent().text());
        assertEquals("检验报告", page.selectFirst("header strong").text());
        assertEquals("血常规（全血细胞计数）", page.getElementById("title").text());
        assertEquals("ZhangWei", page.getElementById("patient").text());
        String masked = page.getElementById("resident-id").text();
        assertEquals(scene.residentId().length(), masked.length());
        assertFalse(masked.contains(scene.residentId().substring(4, scene.residentId().length() - 4)), masked);
        assertTrue(masked.startsWith(scene.residentId().substring(0, 4)) && masked.contains("*"), masked);

        Element haemoglobin = row(page, "718-7");
        assertEquals("血红蛋白", haemoglobin.selectFirst("td.name").ownText());
        assertEquals("182", haemoglobin.selectFirst("td.value").text());
        assertEquals("g/L", haemoglobin.selectFirst("td.unit").text());
        assertEquals("130–175 g/L", haemoglobin.selectFirst("td.range").text());
        assertEquals("H 偏高", haemoglobin.selectFirst("td.flag").text());
        assertTrue(haemoglobin.selectFirst("td.status").text().startsWith("可互认，有效期至"), haemoglobin.text());
        Element platelets = row(page, "777-3");
        assertEquals("", platelets.attr("data-flag"));
        assertEquals("血小板计数", platelets.selectFirst("td.name").ownText());
        // The report carries the mark: one mark in the corner, none per item.
        assertTrue(page.select(".item-mark").isEmpty());
    }

    @Test
    void givenOnlySomeItemsMarked_whenViewed_thenNoCornerMarkAndEachMarkedItemCarriesIt() {
        Scene scene = scene(false, true, false, Instant.now().minus(Duration.ofDays(1)));
        Document page = page("/DiagnosticReport/" + scene.report(), null);

        assertNull(page.getElementById("hr-mark"));
        assertNotNull(row(page, "718-7").selectFirst(".item-mark"));
        assertNull(row(page, "777-3").selectFirst(".item-mark"));
        assertTrue(row(page, "777-3").selectFirst("td.status").text().startsWith("不可互认：无互认标识"),
                row(page, "777-3").text());
    }

    @Test
    void givenAnExpiredResult_whenViewed_thenItsStatusSaysWhyNot() {
        Scene scene = scene(true, true, true, Instant.now().minus(Duration.ofDays(30)));
        Document page = page("/DiagnosticReport/" + scene.report(), null);

        assertEquals("不可互认：已超过有效期", row(page, "718-7").selectFirst("td.status").text());
        assertNotNull(page.getElementById("hr-mark"));
    }

    @Test
    void givenEnglishPreferred_whenViewed_thenLabelsAndItemNamesAreEnglish() {
        Scene scene = scene(true, true, true, Instant.now().minus(Duration.ofDays(1)));
        Document page = page("/DiagnosticReport/" + scene.report(), "en-US,en;q=0.9,zh;q=0.5");

        assertEquals("en", page.selectFirst("html").attr("lang"));
        assertEquals("Laboratory report", page.selectFirst("header strong").text());
        assertEquals("Hemoglobin [Mass/volume] in Blood", row(page, "718-7").selectFirst("td.name").ownText());
        assertEquals("H High", row(page, "718-7").selectFirst("td.flag").text());
        assertTrue(row(page, "718-7").selectFirst("td.status").text().startsWith("May be recognized until"));
        assertEquals("Tertiary (level 3) hospital", page.getElementById("level").text());
        assertEquals("Institution level: Tertiary (level 3) hospital",
                page.getElementById("level").parent().text().replace('\u00a0', ' '));
    }

    /** Authorities count clinicians' recognition queries; a page looked at is not one. */
    @Test
    void givenAReportViewed_whenTheAuthoritiesReportIsAsked_thenTheViewIsNoRecognizeCall() throws Exception {
        Scene scene = scene(true, true, true, Instant.now().minus(Duration.ofDays(1)));
        Instant start = Instant.now();
        Thread.sleep(5);
        page("/DiagnosticReport/" + scene.report(), null);
        Thread.sleep(5);
        String report = fhir().queryParam("period-start", start.toString()).queryParam("period-end", Instant.now().toString())
                .when().get("/$recognition-report").then().statusCode(200).extract().asString();
        org.hl7.fhir.r4.model.MeasureReport figures = FHIR.newJsonParser()
                .parseResource(org.hl7.fhir.r4.model.MeasureReport.class, report);
        assertEquals(0, figures.getGroup().stream().filter(group -> group.getCode().getText().equals("recognize-calls"))
                .findFirst().orElseThrow().getPopulationFirstRep().getCount());
    }

    @Test
    void givenAnObservation_whenViewed_thenItsOwnPage() {
        Scene scene = scene(false, true, false, Instant.now().minus(Duration.ofDays(1)));
        Document page = page("/Observation/" + scene.haemoglobin(), null);

        assertEquals("检验结果", page.selectFirst("header strong").text());
        assertEquals(1, page.select("tr.item").size());
        assertNotNull(page.getElementById("hr-mark"));
        assertEquals("血红蛋白", page.getElementById("title").text());
    }

    @Test
    void givenABrowser_whenItAsksForTheReport_thenThePageAndAFhirClientStillGetsJson() {
        Scene scene = scene(true, true, true, Instant.now().minus(Duration.ofDays(1)));
        fhir().header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .when().get("/DiagnosticReport/" + scene.report()).then().statusCode(200)
                .contentType(startsWith("text/html")).body(containsString("id=\"hr-mark\""));
        fhir().when().get("/DiagnosticReport/" + scene.report()).then().statusCode(200)
                .contentType(startsWith("application/fhir+json")).body("resourceType", equalTo("DiagnosticReport"));
    }

    @Test
    void givenBadRequests_whenViewed_thenTheStatusAReadWouldGet() {
        Scene scene = scene(true, true, true, Instant.now().minus(Duration.ofDays(1)));
        fhirAs(null).queryParam("_format", "html").when().get("/DiagnosticReport/" + scene.report()).then().statusCode(401);
        fhir().queryParam("_format", "html").when().get("/DiagnosticReport/no-such-report").then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));
        fhir().queryParam("_format", "html").when().get("/Patient/" + scene.patient()).then().statusCode(406);
        // The page shows the results: a token that may read reports but not results may not see it.
        fhirAs(org.hrgateway.support.TestTokens.user("VIEW-" + Fixtures.unique(), "user/DiagnosticReport.rs"))
                .queryParam("_format", "html").when().get("/DiagnosticReport/" + scene.report()).then().statusCode(403);
    }
}
