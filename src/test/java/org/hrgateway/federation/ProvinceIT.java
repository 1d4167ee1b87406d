package org.hrgateway.federation;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.hrgateway.support.FhirApi;
import org.hrgateway.support.GatewayProcess;
import org.hrgateway.support.Metrics;
import org.hrgateway.support.MisbehavingPeer;
import org.hrgateway.support.NatsServer;
import org.hrgateway.support.TestTokens;
import org.hrgateway.support.TestTokens.SigningKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A province of three real gateways (the packaged jar), each with its own database and its own
 * signing key, on loopback ports: Jinan is asked, Heze and Qingdao hold results. Four more "cities"
 * misbehave (a 500, a page that is not FHIR, an answer after the deadline, a 500 for the breaker), so
 * that each failure is met as a province meets it. Issue 16, ADR 0015.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvinceIT {

    private static final String RESIDENT_SYSTEM = "http://hr-gateway.org/fhir/sid/resident-id";
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    private static final List<AutoCloseable> RUNNING = new ArrayList<>();
    private static GatewayProcess jinan;
    private static GatewayProcess heze;
    private static GatewayProcess qingdao;
    private static MisbehavingPeer zibo;
    private static MisbehavingPeer weifang;
    private static MisbehavingPeer yantai;
    private static MisbehavingPeer linyi;
    private static NatsServer nats;
    private static Path locatorKey;
    private static String resident;
    /** The person of the `$recognize` cases: an expired result in Jinan, a recognizable one in Heze. */
    private static String recognizable;
    private static String jinanExpired;
    private static String hezeRecognizable;

    @BeforeAll
    static void startTheProvince() throws Exception {
        nats = started(new NatsServer());
        locatorKey = Files.createTempFile("hr-gateway-locator-key", ".txt");
        Files.writeString(locatorKey, UUID.randomUUID() + "-" + UUID.randomUUID());
        zibo = started(new MisbehavingPeer(MisbehavingPeer.Way.ERROR_500, Duration.ZERO));
        weifang = started(new MisbehavingPeer(MisbehavingPeer.Way.GARBAGE, Duration.ZERO));
        yantai = started(new MisbehavingPeer(MisbehavingPeer.Way.SLOW, Duration.ofSeconds(6)));
        linyi = started(new MisbehavingPeer(MisbehavingPeer.Way.ERROR_500, Duration.ZERO));
        int jinanPort = GatewayProcess.freePort();
        int hezePort = GatewayProcess.freePort();
        int qingdaoPort = GatewayProcess.freePort();
        Map<String, String> bases = Map.of("jinan", base(jinanPort), "heze", base(hezePort), "qingdao", base(qingdaoPort));
        Map<String, SigningKey> keys = Map.of("jinan", TestTokens.signingKey("jinan-1"),
                "heze", TestTokens.signingKey("heze-1"), "qingdao", TestTokens.signingKey("qingdao-1"));
        Map<String, String> trust = TestTokens.provinceEnvironment(List.copyOf(keys.values()), List.copyOf(bases.values()));
        String bad = "zibo=" + zibo.base() + ",weifang=" + weifang.base() + ",yantai=" + yantai.base()
                + ",linyi=" + linyi.base();
        heze = started(city("heze", hezePort, keys.get("heze"), trust,
                "jinan=" + bases.get("jinan") + ",qingdao=" + bases.get("qingdao")));
        qingdao = started(city("qingdao", qingdaoPort, keys.get("qingdao"), trust,
                "jinan=" + bases.get("jinan") + ",heze=" + bases.get("heze")));
        jinan = started(city("jinan", jinanPort, keys.get("jinan"), trust,
                "heze=" + bases.get("heze") + ",qingdao=" + bases.get("qingdao") + "," + bad));
        resident = "res-" + UUID.randomUUID();
        load(jinan, "Jinan Central Hospital", 12.9);
        load(heze, "Chengwu County People's Hospital", 13.4);
        recognizable = "res-" + UUID.randomUUID();
        Instant now = Instant.now();
        jinanExpired = jinan.base() + "/Observation/" + markedResult(jinan, now.minus(Duration.ofDays(20)));
        hezeRecognizable = heze.base() + "/Observation/" + markedResult(heze, now.minus(Duration.ofDays(1)));
    }

    /**
     * For the person `recognizable`: a Patient, a laboratory certified for haematology this year and
     * last, and a marked haemoglobin it measured `taken`; returns the Observation's id.
     */
    private static String markedResult(GatewayProcess city, Instant taken) {
        String patient = created(city, "Patient", "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\""
                + RESIDENT_SYSTEM + "\",\"value\":\"" + recognizable + "\"}],\"name\":[{\"family\":\"Li\"}]}");
        String lab = created(city, "Organization", "{\"resourceType\":\"Organization\",\"name\":\"Laboratory "
                + UUID.randomUUID() + "\",\"extension\":[{\"url\":\"http://hr-gateway.org/fhir/StructureDefinition/eqa-certification\","
                + "\"extension\":[{\"url\":\"category\",\"valueCoding\":{\"system\":\"http://hr-gateway.org/fhir/CodeSystem/mr-category\","
                + "\"code\":\"hematology\"}},{\"url\":\"period\",\"valuePeriod\":{\"start\":\""
                + taken.minus(Duration.ofDays(400)).toString().substring(0, 10) + "\",\"end\":\""
                + taken.plus(Duration.ofDays(400)).toString().substring(0, 10) + "\"}}]}]}");
        return created(city, "Observation", "{\"resourceType\":\"Observation\",\"status\":\"final\","
                + "\"extension\":[{\"url\":\"http://hr-gateway.org/fhir/StructureDefinition/recognition-mark\","
                + "\"valueCoding\":{\"system\":\"http://hr-gateway.org/fhir/CodeSystem/mr-mark\",\"code\":\"SD-HR\"}}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"718-7\"}]},"
                + "\"subject\":{\"reference\":\"Patient/" + patient + "\"},"
                + "\"effectiveDateTime\":\"" + taken + "\",\"issued\":\"" + taken.plus(Duration.ofHours(2)) + "\","
                + "\"performer\":[{\"reference\":\"Organization/" + lab + "\"}],"
                + "\"valueQuantity\":{\"value\":13.2,\"unit\":\"g/dL\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"g/dL\"}}");
    }

    private static String created(GatewayProcess city, String type, String json) {
        return FhirApi.fhir().baseUri("http://127.0.0.1").port(city.port()).contentType(FhirApi.FHIR_JSON).body(json)
                .post("/" + type).then().statusCode(201).extract().path("id");
    }

    @AfterAll
    static void stopTheProvince() throws Exception {
        for (int i = RUNNING.size() - 1; i >= 0; i--) {
            RUNNING.get(i).close();
        }
    }

    @Test
    @Order(1)
    void givenResultsInTwoCities_whenTheProvinceIsSearchedByResidentId_thenBothComeWithTheirOriginsUrls() {
        JsonPath bundle = province(jinan).queryParam("subject:Patient.identifier", RESIDENT_SYSTEM + "|" + resident)
                .queryParam("_include", "Observation:performer").queryParam("target-city", "jinan,heze,qingdao")
                .get("/province/Observation").then().statusCode(200).extract().jsonPath();
        List<String> matches = bundle.getList("entry.findAll { it.search.mode == 'match' }.fullUrl");
        assertEquals(2, matches.size(), bundle.prettify());
        assertTrue(matches.stream().anyMatch(url -> url.startsWith(jinan.base() + "/Observation/")), bundle.prettify());
        assertTrue(matches.stream().anyMatch(url -> url.startsWith(heze.base() + "/Observation/")), bundle.prettify());
        // Each entry names the city that holds it; nothing of a peer's Bundle is copied.
        for (Map<String, Object> entry : bundle.<Map<String, Object>>getList("entry.findAll { it.search.mode != 'outcome' }")) {
            String fullUrl = (String) entry.get("fullUrl");
            String source = (String) ((Map<?, ?>) ((Map<?, ?>) entry.get("resource")).get("meta")).get("source");
            assertTrue(fullUrl.startsWith(source + "/"), fullUrl + " from " + source);
            assertFalse(entry.containsKey("response"), bundle.prettify());
        }
        List<String> included = bundle.getList("entry.findAll { it.search.mode == 'include' }.resource.name");
        assertTrue(included.contains("Jinan Central Hospital") && included.contains("Chengwu County People's Hospital"),
                bundle.prettify());
        assertEquals(2, bundle.getInt("total"), bundle.prettify());
        String consulted = bundle.getString("entry.find { it.search.mode == 'outcome' }.resource.issue.find { it.severity == 'information' }.details.text");
        assertTrue(consulted.contains("jinan (1 match)") && consulted.contains("heze (1 match)")
                && consulted.contains("qingdao (0 matches)"), consulted);
    }

    @Test
    @Order(2)
    void givenAResidentId_whenPatientsAreSearchedAcrossTheProvince_thenEachCitysPatientIsFound() {
        JsonPath bundle = province(jinan).queryParam("identifier", RESIDENT_SYSTEM + "|" + resident)
                .queryParam("target-city", "all")
                .get("/province/Patient").then().statusCode(200).extract().jsonPath();
        List<String> sources = bundle.getList("entry.findAll { it.search.mode == 'match' }.resource.meta.source");
        assertEquals(List.of(jinan.base(), heze.base()), sources, bundle.prettify());
    }

    @Test
    @Order(3)
    void givenAPeerAnswering500_whenTheProvinceIsSearched_thenItsCityIsATransientWarningAndTheRestAnswers() {
        JsonPath bundle = searchResident("jinan,zibo");
        assertMatchesFrom(bundle, jinan.base());
        assertMissing(bundle, "zibo", "transient", "answered 500");
    }

    @Test
    @Order(4)
    void givenAPeerAnsweringAPageThatIsNotFhir_whenTheProvinceIsSearched_thenItsCityIsATransientWarning() {
        JsonPath bundle = searchResident("jinan,weifang");
        assertMatchesFrom(bundle, jinan.base());
        assertMissing(bundle, "weifang", "transient", "not a FHIR JSON resource");
    }

    @Test
    @Order(5)
    void givenAPeerSlowerThanTheDeadline_whenTheProvinceIsSearched_thenTheAnswerComesWithinTheDeadlineWithATimeout() {
        long started = System.nanoTime();
        JsonPath bundle = searchResident("heze,yantai");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // The slow city answers after 6 s; the province's answer must not wait for it.
        assertTrue(took.compareTo(DEADLINE.plusSeconds(1)) < 0, "took " + took);
        assertMatchesFrom(bundle, heze.base());
        assertMissing(bundle, "yantai", "timeout", "did not answer within");
    }

    @Test
    @Order(6)
    void givenAPeerThatKeepsFailing_whenAskedAgain_thenItsBreakerOpensAndItIsNoLongerAsked() {
        // Jinan's breaker looks at 4 calls and opens at half of them failed: within 4 failures, linyi is left alone.
        JsonPath bundle = searchResident("jinan,linyi");
        for (int call = 1; call <= 8 && !said(bundle, "linyi", "circuit breaker is open"); call++) {
            assertMissing(bundle, "linyi", "transient", "answered 500");
            bundle = searchResident("jinan,linyi");
        }
        assertMissing(bundle, "linyi", "transient", "circuit breaker is open");
        assertMatchesFrom(bundle, jinan.base());
        int asked = linyi.requests();
        assertTrue(asked <= 4, asked + " calls reached linyi");
        assertMissing(searchResident("jinan,linyi"), "linyi", "transient", "circuit breaker is open");
        assertEquals(asked, linyi.requests(), "a peer behind an open breaker is not asked");
    }

    private static boolean said(JsonPath bundle, String city, String text) {
        List<String> texts = bundle.getList("entry.find { it.search.mode == 'outcome' }.resource.issue.findAll { it.diagnostics == 'city="
                + city + "' }.details.text");
        return texts.stream().anyMatch(said -> said.contains(text));
    }

    /** The calls above, as Jinan's metrics count them: by city and outcome. */
    @Test
    @Order(22)
    void givenTheProvinceCallsAbove_whenJinansMetricsAreScraped_thenPeerCallsAreCountedByCityAndOutcome() {
        String scraped = Metrics.scrape(root(jinan));
        assertTrue(Metrics.value(scraped, "hr_peer_calls_seconds_count", Map.of("city", "heze", "outcome", "ok")) >= 1, scraped);
        assertTrue(Metrics.value(scraped, "hr_peer_calls_seconds_count", Map.of("city", "zibo", "outcome", "transient")) >= 1);
        assertTrue(Metrics.value(scraped, "hr_peer_calls_seconds_count", Map.of("city", "yantai", "outcome", "timeout")) >= 1);
        assertTrue(Metrics.value(scraped, "hr_recognize_calls_total", Map.of("scope", "province")) >= 1);
        assertEquals(1, Metrics.value(scraped, "hr_locator_current", Map.of()), "NATS is back");
    }

    private static String root(GatewayProcess gateway) {
        return "http://127.0.0.1:" + gateway.port();
    }

    @Test
    @Order(7)
    void givenAnUnknownCity_whenNamedInTargetCity_thenTheAnswerIs400NamingTheKnownOnes() {
        String text = province(jinan).queryParam("target-city", "atlantis").get("/province/Observation")
                .then().statusCode(400).extract().path("issue[0].diagnostics");
        assertTrue(text.contains("'atlantis' is not a city this gateway knows") && text.contains("heze"), text);
    }

    @Test
    @Order(8)
    void givenTheProvinceBase_whenWrittenTo_thenTheAnswerIs405() {
        Response response = province(jinan).contentType(FhirApi.FHIR_JSON)
                .body("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}")
                .post("/province/Observation");
        assertEquals(405, response.statusCode(), response.asString());
        assertEquals("OperationOutcome", response.path("resourceType"));
        assertTrue(response.<String>path("issue[0].diagnostics").contains("read-only"), response.asString());
        assertEquals(405, province(jinan).delete("/province/Observation/1").statusCode());
    }

    @Test
    @Order(9)
    void givenTheProvinceBase_whenItsCapabilitiesAreRead_thenItReadsAndSearchesTheProvinceTypesOnly() {
        JsonPath statement = province(jinan).get("/province/metadata").then().statusCode(200).extract().jsonPath();
        assertEquals(jinan.base() + "/province", statement.getString("implementation.url"));
        assertEquals(List.of("Observation", "DiagnosticReport", "Patient"), statement.getList("rest[0].resource.type"));
        assertEquals(List.of("read", "search-type"), statement.getList("rest[0].resource[0].interaction.code"));
    }

    @Test
    @Order(10)
    void givenAPeersCall_whenItReachesAProvinceBase_thenItIsRefusedRatherThanFannedOutAgain() {
        province(heze).header("X-HR-Province-Hop", "1").get("/province/Observation").then().statusCode(400);
    }

    @Test
    @Order(11)
    void givenMoreResultsInACityThanTheCount_whenSearched_thenTheCityIsCutWithAnIncompleteWarningAndNoTotal() {
        load(heze, "Chengwu County People's Hospital", 13.1);
        JsonPath bundle = province(jinan).queryParam("subject:Patient.identifier", RESIDENT_SYSTEM + "|" + resident)
                .queryParam("target-city", "heze").queryParam("_count", "1")
                .get("/province/Observation").then().statusCode(200).extract().jsonPath();
        assertEquals(1, bundle.getList("entry.findAll { it.search.mode == 'match' }").size(), bundle.prettify());
        assertNull(bundle.get("total"), bundle.prettify());
        assertMissingCode(bundle, "heze", "incomplete", "has more results than the 1 shown");
    }

    @Test
    @Order(12)
    void givenAProvinceCallWithARequestId_whenAPeerAnswers_thenBothCitiesAuditTheReadUnderThatId() {
        String requestId = "it-" + UUID.randomUUID();
        province(jinan).header("X-Request-Id", requestId)
                .queryParam("subject:Patient.identifier", RESIDENT_SYSTEM + "|" + resident)
                .queryParam("target-city", "jinan,heze")
                .get("/province/Observation").then().statusCode(200).header("X-Request-Id", requestId);
        Map<String, Object> atHeze = auditedUnder(heze, requestId);
        assertEquals("gateway-jinan", atHeze.get("agentAltId"), atHeze.toString());
        assertTrue(((String) atHeze.get("query")).startsWith("Observation?"), atHeze.toString());
        Map<String, Object> atJinan = auditedUnder(jinan, requestId);
        assertEquals("platform", atJinan.get("agentAltId"), atJinan.toString());
    }

    /** The PatientQuery event a city recorded with `requestId` in its BALP transaction entity. */
    private static Map<String, Object> auditedUnder(GatewayProcess city, String requestId) {
        JsonPath events = FhirApi.fhir().baseUri("http://127.0.0.1").port(city.port()).accept(FhirApi.FHIR_JSON)
                .queryParam("_count", "200").get("/AuditEvent").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> found = events.getList("entry.resource.findAll { event -> event.entity.any { it.type?.code == 'XrequestId' && it.what?.identifier?.value == '"
                + requestId + "' } }");
        assertEquals(1, found.size(), events.prettify());
        Map<String, Object> event = found.get(0);
        Map<String, Object> summary = new HashMap<>();
        summary.put("agentAltId", ((Map<?, ?>) ((List<?>) event.get("agent")).get(0)).get("altId"));
        for (Object entity : (List<?>) event.get("entity")) {
            Object description = ((Map<?, ?>) entity).get("description");
            if (description != null) {
                summary.put("query", description);
            }
        }
        return summary;
    }

    @Test
    @Order(13)
    void givenAnExpiredResultHereAndAValidOneInHeze_whenRecognizedInTheProvince_thenHezesResultIsChosenWithItsProvenance() {
        String requestId = "it-" + UUID.randomUUID();
        JsonPath answer = recognize(jinan, requestId, "jinan,heze,qingdao", null).then().statusCode(200)
                .extract().jsonPath();
        String prefix = "parameter.find { it.name == 'recommendation' }.part";
        assertEquals("recognized", answer.getString(prefix + ".find { it.name == 'outcome' }.valueCode"), answer.prettify());
        String chosen = answer.getString(prefix + ".find { it.name == 'result' }.valueReference.reference");
        assertEquals(hezeRecognizable, chosen, answer.prettify());
        // Jinan's own, older result was weighed by the same rules, and named by its absolute URL.
        List<String> considered = answer.getList(prefix + ".findAll { it.name == 'candidate' }.part.flatten()"
                + ".findAll { it.name == 'result' }.valueReference.reference");
        assertEquals(List.of(hezeRecognizable, jinanExpired), considered, answer.prettify());
        Map<String, Object> provenance = answer.getMap(prefix + ".find { it.name == 'provenance' }.resource");
        assertEquals("Provenance", provenance.get("resourceType"), answer.prettify());
        String agents = provenance.get("agent").toString();
        assertTrue(agents.contains("assembler") && agents.contains(jinan.base()) && agents.contains("custodian")
                && agents.contains(heze.base()), agents);
        String consulted = answer.getString("parameter.find { it.name == 'outcome' }.resource.issue.find { it.severity == 'information' }.details.text");
        assertTrue(consulted.contains("jinan (this gateway)") && consulted.contains("heze (") && consulted.contains("qingdao ("),
                consulted);
        // Heze recorded the reads it answered under the same request id, and Jinan its decision with the cities.
        assertTrue(auditedCount(heze, requestId) >= 1, "heze audited the read");
        String jinanEvent = auditEvents(jinan, requestId).get(0).toString();
        assertTrue(jinanEvent.contains("cities-consulted") && jinanEvent.contains("heze"), jinanEvent);
    }

    @Test
    @Order(14)
    void givenAPatientHeldHere_whenRecognizedInTheProvinceAtInstanceLevel_thenItIsAskedByItsResidentId() {
        String patient = FhirApi.fhir().baseUri("http://127.0.0.1").port(jinan.port())
                .queryParam("identifier", RESIDENT_SYSTEM + "|" + recognizable).get("/Patient")
                .then().statusCode(200).extract().path("entry[0].resource.id");
        JsonPath answer = recognize(jinan, null, "jinan,heze", patient).then().statusCode(200).extract().jsonPath();
        assertEquals(hezeRecognizable, answer.getString("parameter.find { it.name == 'recommendation' }.part"
                + ".find { it.name == 'result' }.valueReference.reference"), answer.prettify());
    }

    @Test
    @Order(15)
    void givenACityThatCannotBeReached_whenNothingHereIsRecognizable_thenTheAnswerSaysPeerUnavailableWithWhatWasFound() {
        JsonPath answer = recognize(jinan, null, "jinan,zibo", null).then().statusCode(200).extract().jsonPath();
        String prefix = "parameter.find { it.name == 'recommendation' }.part";
        assertEquals("not-recognized", answer.getString(prefix + ".find { it.name == 'outcome' }.valueCode"), answer.prettify());
        assertEquals("peer-unavailable", answer.getString(prefix + ".find { it.name == 'reason' }.valueCodeableConcept.coding[0].code"),
                answer.prettify());
        assertEquals(List.of(jinanExpired), answer.getList(prefix + ".findAll { it.name == 'candidate' }.part.flatten()"
                + ".findAll { it.name == 'result' }.valueReference.reference"), answer.prettify());
        List<String> warned = answer.getList("parameter.find { it.name == 'outcome' }.resource.issue.findAll { it.severity == 'warning' }.diagnostics");
        assertEquals(List.of("city=zibo"), warned, answer.prettify());
    }

    @Test
    @Order(16)
    void givenTheSameCall_whenScopeIsLocal_thenOnlyThisCitysExpiredResultIsWeighed() {
        JsonPath answer = recognize(jinan, null, null, null, "local").then().statusCode(200).extract().jsonPath();
        String prefix = "parameter.find { it.name == 'recommendation' }.part";
        assertEquals("expired", answer.getString(prefix + ".find { it.name == 'reason' }.valueCodeableConcept.coding[0].code"),
                answer.prettify());
    }

    /** The authorities' figures across the province: each city's own report, added up and kept apart by city. */
    @Test
    @Order(16)
    void givenCallsInSeveralCities_whenTheProvinceIsReported_thenItsFiguresAreTheCitiesAddedUp() {
        recognize(heze, null, null, null, "local").then().statusCode(200); // Heze has calls of its own to count
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        Map<String, Integer> own = new java.util.LinkedHashMap<>();
        own.put("jinan", calls(report(jinan, today, null, null)));
        own.put("heze", calls(report(heze, today, null, null)));
        own.put("qingdao", calls(report(qingdao, today, null, null)));
        int sum = own.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(own.get("jinan") > 0 && own.get("heze") > 0, own.toString());

        JsonPath province = report(jinan, today, "province", "jinan,heze,qingdao");
        assertEquals("complete", province.getString("status"), province.prettify());
        assertEquals(sum, calls(province), province.prettify());
        own.forEach((city, count) -> assertEquals(count, province.getInt("group.find { it.code.text == 'recognize-calls' }"
                + ".stratifier.find { it.code[0].text == 'city' }.stratum.find { it.value.text == '" + city + "' }"
                + ".population[0].count"), city));
        String consulted = province.getString("contained.find { it.resourceType == 'OperationOutcome' }.issue[0].details.text");
        assertTrue(consulted.contains("jinan (this gateway)") && consulted.contains("heze") && consulted.contains("qingdao"),
                consulted);

        // Every configured city: those that cannot be reached leave the figures pending, and say so.
        JsonPath everyone = report(jinan, today, "province", null);
        assertEquals("pending", everyone.getString("status"), everyone.prettify());
        assertEquals(sum, calls(everyone), everyone.prettify());
        assertTrue(everyone.getList("contained.find { it.resourceType == 'OperationOutcome' }.issue.diagnostics")
                .contains("city=zibo"), everyone.prettify());

        // The dashboard of the province shows the same figures, city by city, and that some are missing.
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(FhirApi.fhir().baseUri("http://127.0.0.1").port(jinan.port())
                .queryParam("_format", "html").queryParam("scope", "province")
                .queryParam("period-start", today).queryParam("period-end", today)
                .get("/$recognition-report").then().statusCode(200).extract().asString());
        assertEquals(String.valueOf(sum), page.selectFirst("#tile-recognize-calls .value").text());
        assertTrue(page.selectFirst("#incomplete") != null, "the page says the figures are incomplete");
        own.forEach((city, count) -> assertEquals(String.valueOf(count),
                page.selectFirst("tr.city[data-city=" + city + "]").attr("data-calls"), city));
    }

    /** The report view of a result another city holds: read from there through this city's province base. */
    @Test
    @Order(16)
    void givenAResultHeldInHeze_whenJinanShowsItsPage_thenThePageIsReadFromHezeWithTodaysStatus() {
        String id = hezeRecognizable.substring(hezeRecognizable.lastIndexOf('/') + 1);
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(FhirApi.fhir().baseUri("http://127.0.0.1").port(jinan.port())
                .queryParam("target-city", "heze").queryParam("_format", "html").get("/province/Observation/" + id)
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/html")).extract().asString());
        assertEquals("13.2", page.selectFirst("tr[data-code='718-7'] td.value").text(), page.html());
        assertTrue(page.selectFirst("tr[data-code='718-7'] td.status").hasClass("recognizable"), page.html());
        assertTrue(page.selectFirst("#institution").text().startsWith("Laboratory "), page.html());
        assertTrue(page.select("footer a").eachAttr("href").contains(hezeRecognizable), "the source is Heze's");

        // A workstation's order-time card for that person links that page.
        String hook = "{\"hook\":\"order-sign\",\"hookInstance\":\"" + UUID.randomUUID() + "\",\"context\":{"
                + "\"userId\":\"Practitioner/doc-1\",\"patientId\":\"ehr-1\",\"draftOrders\":{\"resourceType\":\"Bundle\","
                + "\"type\":\"collection\",\"entry\":[{\"resource\":{\"resourceType\":\"ServiceRequest\",\"id\":\"draft-hb\","
                + "\"status\":\"draft\",\"intent\":\"order\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                + "\"code\":\"718-7\"}]},\"subject\":{\"reference\":\"Patient/ehr-1\"}}}]}},\"prefetch\":{\"patient\":{"
                + "\"resourceType\":\"Patient\",\"id\":\"ehr-1\",\"identifier\":[{\"system\":\"" + RESIDENT_SYSTEM
                + "\",\"value\":\"" + recognizable + "\"}]}}}";
        JsonPath cards = FhirApi.fhir().baseUri("http://127.0.0.1").port(jinan.port()).contentType("application/json").body(hook)
                .post("/cds-services/hr-recognition-order-sign").then().statusCode(200).extract().jsonPath();
        assertEquals(jinan.base() + "/province/Observation/" + id + "?target-city=heze&_format=html",
                cards.getString("cards[0].links[0].url"));
        // With the value, when and where it was done, read from Heze, and the city that holds it.
        String detail = cards.getString("cards[0].detail");
        assertTrue(detail.contains("13.2") && detail.contains("Laboratory ") && detail.contains("heze"), detail);

        // The same read as FHIR, through the province base; this city's own is at its own base.
        assertEquals(id, FhirApi.fhir().baseUri("http://127.0.0.1").port(jinan.port()).accept(FhirApi.FHIR_JSON)
                .queryParam("target-city", "heze").get("/province/Observation/" + id).then().statusCode(200)
                .extract().path("id"));
        String own = jinanExpired.substring(jinanExpired.lastIndexOf('/') + 1);
        String location = FhirApi.fhir().baseUri("http://127.0.0.1").port(jinan.port()).redirects().follow(false)
                .queryParam("target-city", "jinan").get("/province/Observation/" + own).then().statusCode(303)
                .extract().header("Location");
        assertTrue(location.endsWith("/fhir/Observation/" + own + "?target-city=jinan"), location);
        FhirApi.fhir().baseUri("http://127.0.0.1").port(jinan.port()).queryParam("target-city", "heze")
                .get("/province/Observation/no-such-result").then().statusCode(404);
        FhirApi.fhir().baseUri("http://127.0.0.1").port(jinan.port()).get("/province/Observation/" + id)
                .then().statusCode(400);
        FhirApi.fhir().baseUri("http://127.0.0.1").port(jinan.port()).queryParam("target-city", "zibo")
                .get("/province/Observation/" + id).then().statusCode(502).body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"));
    }

    private static JsonPath report(GatewayProcess city, String day, String scope, String targetCity) {
        RequestSpecification request = FhirApi.fhir().baseUri("http://127.0.0.1").port(city.port()).accept(FhirApi.FHIR_JSON)
                .queryParam("period-start", day).queryParam("period-end", day);
        if (scope != null) {
            request = request.queryParam("scope", scope);
        }
        if (targetCity != null) {
            request = request.queryParam("target-city", targetCity);
        }
        return request.get("/$recognition-report").then().statusCode(200).extract().jsonPath();
    }

    private static int calls(JsonPath report) {
        return report.getInt("group.find { it.code.text == 'recognize-calls' }.population[0].count");
    }

    private static Response recognize(GatewayProcess city, String requestId, String targetCity, String patientId) {
        return recognize(city, requestId, targetCity, patientId, "province");
    }

    private static Response recognize(GatewayProcess city, String requestId, String targetCity, String patientId,
                                      String scope) {
        StringBuilder parameters = new StringBuilder("{\"resourceType\":\"Parameters\",\"parameter\":[");
        if (patientId == null) {
            parameters.append("{\"name\":\"patient\",\"valueIdentifier\":{\"system\":\"").append(RESIDENT_SYSTEM)
                    .append("\",\"value\":\"").append(recognizable).append("\"}},");
        }
        parameters.append("{\"name\":\"code\",\"valueCoding\":{\"system\":\"http://loinc.org\",\"code\":\"718-7\"}},")
                .append("{\"name\":\"scope\",\"valueCode\":\"").append(scope).append("\"}");
        if (targetCity != null) {
            parameters.append(",{\"name\":\"target-city\",\"valueCode\":\"").append(targetCity).append("\"}");
        }
        parameters.append("]}");
        RequestSpecification request = province(city).contentType(FhirApi.FHIR_JSON).body(parameters.toString());
        if (requestId != null) {
            request = request.header("X-Request-Id", requestId);
        }
        return request.post(patientId == null ? "/$recognize" : "/Patient/" + patientId + "/$recognize");
    }

    private static int auditedCount(GatewayProcess city, String requestId) {
        return auditEvents(city, requestId).size();
    }

    private static List<Map<String, Object>> auditEvents(GatewayProcess city, String requestId) {
        JsonPath events = FhirApi.fhir().baseUri("http://127.0.0.1").port(city.port()).accept(FhirApi.FHIR_JSON)
                .queryParam("_count", "500").get("/AuditEvent").then().statusCode(200).extract().jsonPath();
        return events.getList("entry.resource.findAll { event -> event.entity.any { it.type?.code == 'XrequestId' && it.what?.identifier?.value == '"
                + requestId + "' } }");
    }

    @Test
    @Order(17)
    void givenAResidentStoredInHeze_whenJinanSearchesTheProvinceByIt_thenTheLocatorNamesHezeAndQingdaoIsNotAsked()
            throws Exception {
        String someone = storedIn(heze);
        // The locator learns of it within moments (bench/RESULTS.md has how long): until then only Jinan is asked.
        String consulted = awaitConsulted(jinan, someone, text -> text.contains("named by the record locator")
                && text.contains("heze"));
        assertTrue(consulted.startsWith("Cities consulted (named by the record locator): jinan (0 matches), heze (1 match)"),
                consulted);
        assertFalse(consulted.contains("qingdao"), consulted);
    }

    @Test
    @Order(18)
    void givenNatsDown_whenAResidentIsStoredInHeze_thenJinanAsksEveryCity_andOnceNatsReturnsTheLocatorNamesHeze()
            throws Exception {
        nats.stop();
        String someone;
        String consulted;
        try {
            someone = storedIn(heze);
            // Not current once NATS has not been reached for stale-after (3 s here): every city is asked, and found.
            consulted = awaitConsulted(jinan, someone, text -> text.contains("the record locator is not current"));
            assertTrue(consulted.contains("heze (1 match)") && consulted.contains("qingdao (0 matches)"), consulted);
            // What an operator sees meanwhile (docs/deploy.md's alerts): the locator not current, Heze's
            // outbox holding the fact (looked at every 5 s).
            assertEquals(0, Metrics.value(Metrics.scrape(root(jinan)), "hr_locator_current", Map.of()));
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (Metrics.value(Metrics.scrape(root(heze)), "hr_locator_outbox_backlog", Map.of()) < 1
                    && System.nanoTime() < until) {
                Thread.sleep(250);
            }
            assertTrue(Metrics.value(Metrics.scrape(root(heze)), "hr_locator_outbox_backlog", Map.of()) >= 1,
                    "Heze's outbox backlog while NATS is down");
        } finally {
            nats.start();
        }
        // The outbox kept the fact while NATS was down; the relay sends it once NATS is back.
        consulted = awaitConsulted(jinan, someone, text -> text.contains("named by the record locator")
                && text.contains("heze (1 match)"));
        assertFalse(consulted.contains("qingdao"), consulted);
    }

    @Test
    @Order(19)
    void givenTheLocatorRebuilt_whenAsked_thenEveryResidentOfTheCityIsQueuedAgain() {
        String said = province(heze).contentType(FhirApi.FHIR_JSON).body("{\"resourceType\":\"Parameters\"}")
                .post("/$locator-rebuild").then().statusCode(200).extract().path("issue[0].diagnostics");
        int queued = Integer.parseInt(said.replaceAll("\\D+", " ").trim().split(" ")[0]);
        assertTrue(queued >= 4, said);
    }

    @Test
    @Order(21)
    void givenQingdaoStopped_whenAResidentIsStoredInHeze_thenQingdaoLearnsItWhenItReturns() throws Exception {
        assertFalse(qingdao.isAlive());
        String someone = storedIn(heze);
        qingdao.restart();
        String consulted = awaitConsulted(qingdao, someone, text -> text.contains("named by the record locator")
                && text.contains("heze (1 match)"));
        assertTrue(consulted.startsWith("Cities consulted (named by the record locator): qingdao (0 matches), heze"),
                consulted);
    }

    /** A new person with one result, stored in `city`; their resident id. */
    private static String storedIn(GatewayProcess city) {
        String someone = "res-" + UUID.randomUUID();
        String saved = resident;
        resident = someone;
        try {
            load(city, "Chengwu County People's Hospital", 12.2);
        } finally {
            resident = saved;
        }
        return someone;
    }

    /** Searches `city`'s province base for the resident's Observations until the consulted cities satisfy `until`. */
    private static String awaitConsulted(GatewayProcess city, String someone, java.util.function.Predicate<String> until)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String consulted = "";
        while (System.nanoTime() < deadline) {
            JsonPath bundle = province(city).queryParam("subject:Patient.identifier", RESIDENT_SYSTEM + "|" + someone)
                    .get("/province/Observation").then().statusCode(200).extract().jsonPath();
            consulted = bundle.getString("entry.find { it.search.mode == 'outcome' }.resource.issue"
                    + ".find { it.severity == 'information' }.details.text");
            if (until.test(consulted)) {
                return consulted;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Not within 30 s; last: " + consulted);
    }

    @Test
    @Order(20)
    void givenAPeerStopped_whenTheProvinceIsSearched_thenItsCityIsMissingAndTheOthersAnswer() throws Exception {
        qingdao.kill();
        JsonPath bundle = searchResident("jinan,heze,qingdao");
        List<String> matches = bundle.getList("entry.findAll { it.search.mode == 'match' }.fullUrl");
        assertTrue(matches.stream().anyMatch(url -> url.startsWith(jinan.base() + "/"))
                && matches.stream().anyMatch(url -> url.startsWith(heze.base() + "/")), bundle.prettify());
        assertMissing(bundle, "qingdao", "transient", "could not be reached");
        assertNull(bundle.get("total"), bundle.prettify());
    }

    private static JsonPath searchResident(String cities) {
        return province(jinan).queryParam("subject:Patient.identifier", RESIDENT_SYSTEM + "|" + resident)
                .queryParam("target-city", cities)
                .get("/province/Observation").then().statusCode(200).extract().jsonPath();
    }

    private static void assertMatchesFrom(JsonPath bundle, String base) {
        List<String> matches = bundle.getList("entry.findAll { it.search.mode == 'match' }.fullUrl");
        assertFalse(matches.isEmpty(), bundle.prettify());
        assertTrue(matches.stream().allMatch(url -> url.startsWith(base + "/")), bundle.prettify());
    }

    /** A warning for `city` with `code` whose text contains `text`; the total left out; the city named as not answered. */
    private static void assertMissing(JsonPath bundle, String city, String code, String text) {
        assertMissingCode(bundle, city, code, text);
        assertNull(bundle.get("total"), bundle.prettify());
        String consulted = bundle.getString("entry.find { it.search.mode == 'outcome' }.resource.issue.find { it.severity == 'information' }.details.text");
        assertTrue(consulted.contains("not answered: " ) && consulted.contains(city), consulted);
    }

    private static void assertMissingCode(JsonPath bundle, String city, String code, String text) {
        List<Map<String, Object>> issues = bundle.getList(
                "entry.find { it.search.mode == 'outcome' }.resource.issue.findAll { it.diagnostics == 'city=" + city + "' }");
        assertEquals(1, issues.size(), bundle.prettify());
        assertEquals("warning", issues.get(0).get("severity"), bundle.prettify());
        assertEquals(code, issues.get(0).get("code"), bundle.prettify());
        String said = (String) ((Map<?, ?>) issues.get(0).get("details")).get("text");
        assertTrue(said.contains(text), said);
    }

    private static RequestSpecification province(GatewayProcess city) {
        return FhirApi.fhir().baseUri("http://127.0.0.1").port(city.port()).accept(FhirApi.FHIR_JSON);
    }

    private static GatewayProcess city(String code, int port, SigningKey key, Map<String, String> trust, String peers)
            throws Exception {
        Map<String, String> environment = new HashMap<>(trust);
        environment.put("HR_CITY", code);
        environment.put("HR_BASE_URL", base(port));
        environment.put("HR_FEDERATION_PEERS", peers);
        environment.put("HR_FEDERATION_SIGNING_KEY", key.pem().toString());
        environment.put("HR_FEDERATION_SIGNING_KEY_ID", key.keyId());
        environment.put("HR_FEDERATION_BREAKER_DELAY", "1h");
        environment.put("HR_FEDERATION_LOCATOR_NATS_URL", nats.url());
        environment.put("HR_FEDERATION_LOCATOR_KEY_FILE", locatorKey.toString());
        environment.put("HR_FEDERATION_LOCATOR_STALE_AFTER", "3s");
        return GatewayProcess.start(port, "hrgw_it_" + code, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), environment);
    }

    /** One lab report for the resident: Organization, Patient, Observation, DiagnosticReport, in a transaction. */
    private static void load(GatewayProcess city, String hospital, double hemoglobin) {
        String unique = UUID.randomUUID().toString();
        String bundle = fixture("transaction-lab-report.json")
                .replace("res-${unique}", resident)
                .replace("${unique}", unique)
                .replace("Heze Municipal Hospital", hospital)
                .replace("\"value\": 12.9", "\"value\": " + hemoglobin);
        FhirApi.fhir().baseUri("http://127.0.0.1").port(city.port()).contentType(FhirApi.FHIR_JSON).body(bundle)
                .post("/").then().statusCode(200);
    }

    private static String fixture(String name) {
        try (InputStream in = ProvinceIT.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port + "/fhir";
    }

    private static <T extends AutoCloseable> T started(T closeable) {
        RUNNING.add(closeable);
        return closeable;
    }

    static {
        RestAssured.urlEncodingEnabled = true;
    }
}
