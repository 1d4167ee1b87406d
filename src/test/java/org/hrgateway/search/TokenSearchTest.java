package org.hrgateway.search;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Token search (https://hl7.org/fhir/R4/search.html#token): the code and system forms, OR and AND,
 * the :not, :text, :in, :not-in, :of-type and :missing modifiers, on codes, identifiers, a boolean
 * and a status; plus how unknown parameters are handled and POST [type]/_search.
 */
@QuarkusTest
class TokenSearchTest {

    private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

    // Observation.code of the four coded observations every code test writes.
    private static final String HGB_LAB = "HGB in lab system";
    private static final String GLU_LAB_AND_HGB_OTHER = "GLU in lab system, HGB in other system";
    private static final String HGB_NO_SYSTEM = "HGB without system";
    private static final String TEXT_ONLY = "text only, no coding";

    private static MarkedResources codedObservations() {
        MarkedResources r = new MarkedResources();
        r.create(HGB_LAB, "Observation", "token/observation-hemoglobin-lab.json");
        r.create(GLU_LAB_AND_HGB_OTHER, "Observation", "token/observation-glucose-lab-and-hemoglobin-other.json");
        r.create(HGB_NO_SYSTEM, "Observation", "token/observation-hemoglobin-without-system.json");
        r.create(TEXT_ONLY, "Observation", "token/observation-code-text-only.json");
        return r;
    }

    private static String lab(MarkedResources r) {
        return "urn:test:" + r.unique + ":lab";
    }

    private static String other(MarkedResources r) {
        return "urn:test:" + r.unique + ":other";
    }

    // --- code and system forms ----------------------------------------------------------------

    @Test
    void givenCodedObservations_whenCodeAlone_thenThatCodeInAnySystemOrNone() {
        MarkedResources r = codedObservations();

        assertEquals(Set.of(HGB_LAB, GLU_LAB_AND_HGB_OTHER, HGB_NO_SYSTEM), r.search("Observation", "code", "HGB"));
    }

    @Test
    void givenCodedObservations_whenSystemBarCode_thenOnlyThatCodeInThatSystem() {
        MarkedResources r = codedObservations();

        assertEquals(Set.of(HGB_LAB), r.search("Observation", "code", lab(r) + "|HGB"));
        assertEquals(Set.of(GLU_LAB_AND_HGB_OTHER), r.search("Observation", "code", other(r) + "|HGB"));
        assertEquals(Set.of(), r.search("Observation", "code", lab(r) + "|hgb"), "codes are case-sensitive");
    }

    @Test
    void givenCodedObservations_whenBarCode_thenOnlyCodingsWithoutSystem() {
        MarkedResources r = codedObservations();

        assertEquals(Set.of(HGB_NO_SYSTEM), r.search("Observation", "code", "|HGB"));
    }

    @Test
    void givenCodedObservations_whenSystemBar_thenAnyCodeOfThatSystem() {
        MarkedResources r = codedObservations();

        assertEquals(Set.of(HGB_LAB, GLU_LAB_AND_HGB_OTHER), r.search("Observation", "code", lab(r) + "|"));
    }

    @Test
    void givenCodedObservations_whenCommaSeparatedValues_thenAnyOfThem() {
        MarkedResources r = codedObservations();

        assertEquals(Set.of(GLU_LAB_AND_HGB_OTHER, HGB_NO_SYSTEM),
                r.search("Observation", "code", lab(r) + "|GLU,|HGB"));
    }

    @Test
    void givenCodedObservations_whenParameterRepeated_thenAllOfThem() {
        MarkedResources r = codedObservations();

        assertEquals(Set.of(GLU_LAB_AND_HGB_OTHER),
                r.search("Observation", "code", lab(r) + "|GLU", "code", other(r) + "|HGB"));
        assertEquals(Set.of(), r.search("Observation", "code", lab(r) + "|HGB", "code", lab(r) + "|GLU"),
                "no observation has both lab codes");
    }

    // --- modifiers ----------------------------------------------------------------------------

    @Test
    void givenCodedObservations_whenNot_thenEveryOtherIncludingThoseWithoutAnyCoding() {
        MarkedResources r = codedObservations();

        assertEquals(Set.of(GLU_LAB_AND_HGB_OTHER, HGB_NO_SYSTEM, TEXT_ONLY),
                r.search("Observation", "code:not", lab(r) + "|HGB"));
        assertEquals(Set.of(TEXT_ONLY), r.search("Observation", "code:not", "HGB,GLU"),
                ":not of several values excludes resources having any of them");
    }

    @Test
    void givenCodedObservations_whenText_thenDisplayOrTextStartsWithItIgnoringCaseAndAccents() {
        MarkedResources r = codedObservations();

        // Display "Hämoglobin" (HGB_LAB), text "Haemoglobin" (HGB_NO_SYSTEM), display "Glucose", text "Ferritin (not coded)".
        assertEquals(Set.of(HGB_LAB), r.search("Observation", "code:text", "HÄMO"));
        assertEquals(Set.of(HGB_LAB), r.search("Observation", "code:text", "hamoglobin"));
        assertEquals(Set.of(HGB_NO_SYSTEM), r.search("Observation", "code:text", "haem"));
        assertEquals(Set.of(HGB_LAB, HGB_NO_SYSTEM), r.search("Observation", "code:text", "h"));
        assertEquals(Set.of(GLU_LAB_AND_HGB_OTHER, TEXT_ONLY), r.search("Observation", "code:text", "GLUC,ferritin"));
        assertEquals(Set.of(), r.search("Observation", "code:text", "globin"), "a string search matches the start");
    }

    @Test
    void givenStoredValueSets_whenInAndNotIn_thenCodesOfTheValueSetOrNot() {
        MarkedResources r = codedObservations();
        String hgbInLab = "http://test.hrgw/" + r.unique + "/ValueSet/hgb-in-lab";
        String wholeOther = "http://test.hrgw/" + r.unique + "/ValueSet/all-of-other";
        r.create("value set lab|HGB", "ValueSet", "token/valueset-concepts.json",
                "url", hgbInLab, "system", lab(r), "code", "HGB");
        r.create("value set of the whole other system", "ValueSet", "token/valueset-whole-system.json",
                "url", wholeOther, "system", other(r));

        assertEquals(Set.of(HGB_LAB), r.search("Observation", "code:in", hgbInLab));
        assertEquals(Set.of(GLU_LAB_AND_HGB_OTHER), r.search("Observation", "code:in", wholeOther));
        assertEquals(Set.of(HGB_LAB, GLU_LAB_AND_HGB_OTHER), r.search("Observation", "code:in", hgbInLab + "," + wholeOther));
        assertEquals(Set.of(GLU_LAB_AND_HGB_OTHER, HGB_NO_SYSTEM, TEXT_ONLY),
                r.search("Observation", "code:not-in", hgbInLab));
        assertEquals(Set.of(HGB_LAB, HGB_NO_SYSTEM, TEXT_ONLY), r.search("Observation", "code:not-in", wholeOther));
    }

    @Test
    void givenUnknownValueSet_whenIn_then400InvalidNamingIt() {
        MarkedResources r = new MarkedResources();
        String unknown = "http://test.hrgw/" + r.unique + "/ValueSet/never-stored";

        r.request().queryParam("code:in", unknown)
                .when().get("/Observation")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", equalTo(
                        ":in and :not-in need a ValueSet this server holds; '" + unknown + "' is not one"));
    }

    @Test
    void givenObservationStatuses_whenStatus_thenThoseStatuses() {
        MarkedResources r = codedObservations(); // final, preliminary, final, amended

        assertEquals(Set.of(HGB_LAB, HGB_NO_SYSTEM), r.search("Observation", "status", "final"));
        assertEquals(Set.of(HGB_LAB, HGB_NO_SYSTEM, TEXT_ONLY), r.search("Observation", "status", "final,amended"));
        assertEquals(Set.of(GLU_LAB_AND_HGB_OTHER, TEXT_ONLY), r.search("Observation", "status:not", "final"));
        assertEquals(Set.of(GLU_LAB_AND_HGB_OTHER),
                r.search("Observation", "status", "http://hl7.org/fhir/observation-status|preliminary"));
    }

    // --- identifiers --------------------------------------------------------------------------

    @Test
    void givenTypedIdentifiers_whenIdentifier_thenBySystemAndValueOrValueAlone() {
        MarkedResources r = new MarkedResources();
        r.create("MR 12345", "Patient", "token/patient-typed-identifier.json", "typeCode", "MR", "value", "12345");
        r.create("MR 99999", "Patient", "token/patient-typed-identifier.json", "typeCode", "MR", "value", "99999");
        r.create("SS 12345", "Patient", "token/patient-typed-identifier.json", "typeCode", "SS", "value", "12345");
        String mrSystem = "urn:test:" + r.unique + ":MR";

        assertEquals(Set.of("MR 12345"), r.search("Patient", "identifier", mrSystem + "|12345"));
        assertEquals(Set.of("MR 12345", "SS 12345"), r.search("Patient", "identifier", "12345"));
        assertEquals(Set.of("MR 12345", "MR 99999"), r.search("Patient", "identifier", mrSystem + "|"));
        assertEquals(Set.of(), r.search("Patient", "identifier", "|12345"), "every identifier here has a system");
    }

    @Test
    void givenTypedIdentifiers_whenOfType_thenTypeAndValueMatch() {
        MarkedResources r = new MarkedResources();
        r.create("MR 12345", "Patient", "token/patient-typed-identifier.json", "typeCode", "MR", "value", "12345");
        r.create("MR 99999", "Patient", "token/patient-typed-identifier.json", "typeCode", "MR", "value", "99999");
        r.create("SS 12345", "Patient", "token/patient-typed-identifier.json", "typeCode", "SS", "value", "12345");

        assertEquals(Set.of("MR 12345"), r.search("Patient", "identifier:of-type", V2_0203 + "|MR|12345"));
        assertEquals(Set.of("SS 12345"), r.search("Patient", "identifier:of-type", V2_0203 + "|SS|12345"));
        assertEquals(Set.of("MR 12345", "MR 99999"),
                r.search("Patient", "identifier:of-type", V2_0203 + "|MR|12345," + V2_0203 + "|MR|99999"));
        assertEquals(Set.of(), r.search("Patient", "identifier:of-type", V2_0203 + "|SS|99999"));
    }

    @Test
    void givenOfTypeWithoutValue_whenSearch_then400Invalid() {
        new MarkedResources().request().queryParam("identifier:of-type", V2_0203 + "|MR")
                .when().get("/Patient")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", equalTo(":of-type takes system|code|value, not '" + V2_0203 + "|MR'"));
    }

    // --- a boolean and :missing ---------------------------------------------------------------

    @Test
    void givenActiveInactiveAndUnsaid_whenActive_thenTheBooleanAsToken() {
        MarkedResources r = new MarkedResources();
        r.create("active", "Patient", "token/patient-active.json", "active", "true");
        r.create("inactive", "Patient", "token/patient-active.json", "active", "false");
        r.create("unsaid", "Patient", "token/patient-tagged.json");

        assertEquals(Set.of("active"), r.search("Patient", "active", "true"));
        assertEquals(Set.of("inactive"), r.search("Patient", "active", "false"));
        assertEquals(Set.of("inactive", "unsaid"), r.search("Patient", "active:not", "true"));
    }

    @Test
    void givenActiveInactiveAndUnsaid_whenMissing_thenWithoutOrWithAValue() {
        MarkedResources r = new MarkedResources();
        r.create("active", "Patient", "token/patient-active.json", "active", "true");
        r.create("inactive", "Patient", "token/patient-active.json", "active", "false");
        r.create("unsaid", "Patient", "token/patient-tagged.json");

        assertEquals(Set.of("unsaid"), r.search("Patient", "active:missing", "true"));
        assertEquals(Set.of("active", "inactive"), r.search("Patient", "active:missing", "false"));
        assertEquals(Set.of("active", "inactive", "unsaid"), r.search("Patient", "identifier:missing", "true"));
    }

    @Test
    void givenMissingWithNeitherTrueNorFalse_whenSearch_then400Invalid() {
        new MarkedResources().request().queryParam("active:missing", "yes")
                .when().get("/Patient")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", equalTo(":missing takes true or false, not 'yes'"));
    }

    // --- unknown parameters and POST ----------------------------------------------------------

    @Test
    void givenUnknownParameter_whenSearch_thenIgnoredAndLeftOutOfSelfLink() {
        MarkedResources r = codedObservations();

        Searchset searchset = Searchset.of(r.request()
                .queryParam("status", "final")
                .queryParam("no-such-param", "x")
                .when().get("/Observation"));

        assertEquals(Set.of(HGB_LAB, HGB_NO_SYSTEM), r.names(searchset));
        String self = searchset.link("self");
        assertFalse(self.contains("no-such-param"), self);
        assertTrue(self.contains("status=final"), self);
        assertTrue(self.contains("_tag=" + MarkedResources.MARKER_SYSTEM + "%7C" + r.unique), self);
    }

    /** Links are handed to clients to GET as they are: a `system|code` value must come back usable. */
    @Test
    void givenSystemBarCode_whenFollowingSelfAndNextLinksAsGiven_thenSameSearch() {
        MarkedResources r = codedObservations();
        Searchset first = Searchset.of(r.request()
                .queryParam("code", lab(r) + "|")
                .queryParam("_count", "1")
                .when().get("/Observation"));

        Searchset self = Searchset.of(RestAssured.given().header("Authorization", org.hrgateway.support.TestTokens.bearer()).urlEncodingEnabled(false).get(first.link("self")));
        Searchset next = Searchset.of(RestAssured.given().header("Authorization", org.hrgateway.support.TestTokens.bearer()).urlEncodingEnabled(false).get(first.link("next")));

        assertEquals(r.names(first), r.names(self));
        Set<String> both = new TreeSet<>(r.names(first));
        both.addAll(r.names(next));
        assertEquals(Set.of(HGB_LAB, GLU_LAB_AND_HGB_OTHER), both);
        assertNull(next.link("next"), "two matches, one per page");
    }

    @Test
    void givenUnknownParameterAndStrictHandling_whenSearch_then400NotSupported() {
        MarkedResources r = new MarkedResources();

        r.request().header("Prefer", "handling=strict")
                .queryParam("no-such-param", "x")
                .when().get("/Observation")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].code", equalTo("not-supported"))
                .body("issue[0].diagnostics", containsString("'no-such-param'"));
    }

    @Test
    void givenFormParameters_whenPostSearch_thenSameMatchesAsGet() {
        MarkedResources r = codedObservations();

        Searchset posted = Searchset.of(fhir().contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParam("_tag", MarkedResources.MARKER_SYSTEM + "|" + r.unique)
                .formParam("code", lab(r) + "|")
                .formParam("status", "final")
                .when().post("/Observation/_search"));

        assertEquals(Set.of(HGB_LAB), r.names(posted));
        assertEquals(r.search("Observation", "code", lab(r) + "|", "status", "final"), r.names(posted));
    }

    @Test
    void givenFormAndUrlParameters_whenPostSearch_thenBothApply() {
        MarkedResources r = codedObservations();

        Searchset posted = Searchset.of(r.request().contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParam("code:not", lab(r) + "|HGB")
                .when().post("/Observation/_search"));

        assertEquals(r.search("Observation", "code:not", lab(r) + "|HGB"), r.names(posted));
        assertEquals(Set.of(GLU_LAB_AND_HGB_OTHER, HGB_NO_SYSTEM, TEXT_ONLY), r.names(posted));
    }
}
