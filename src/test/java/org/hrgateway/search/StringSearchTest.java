package org.hrgateway.search;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * String search (https://hl7.org/fhir/R4/search.html#string): by default the start of any part,
 * ignoring case and accents; :exact the whole value as written; :contains anywhere; :missing.
 * Names are searched by part (family, given, text), addresses by city.
 */
@QuarkusTest
class StringSearchTest {

    private static final String MUELLER = "Hans Müller of München";
    private static final String MULLER = "Anna Muller, no address";
    private static final String ZHANG_WEI = "张伟 of 济南";
    private static final String LI_ZHANGHUA = "李张华, no address";
    private static final String NAMELESS = "no name, no address";

    private static MarkedResources patients() {
        MarkedResources r = new MarkedResources();
        r.create(MUELLER, "Patient", "string/patient-name-address.json",
                "family", "Müller", "given", "Hans", "text", "Hans Müller", "city", "München");
        r.create(MULLER, "Patient", "string/patient-name.json", "family", "Muller", "given", "Anna");
        r.create(ZHANG_WEI, "Patient", "string/patient-name-address.json",
                "family", "张", "given", "伟", "text", "张伟", "city", "济南");
        r.create(LI_ZHANGHUA, "Patient", "string/patient-name.json", "family", "李", "given", "张华");
        r.create(NAMELESS, "Patient", "string/patient-tagged.json");
        return r;
    }

    @Test
    void givenNames_whenFamily_thenStartIgnoringCaseAndAccents() {
        MarkedResources r = patients();

        assertEquals(Set.of(MUELLER, MULLER), r.search("Patient", "family", "muller"));
        assertEquals(Set.of(MUELLER, MULLER), r.search("Patient", "family", "MÜL"));
        assertEquals(Set.of(MUELLER, MULLER), r.search("Patient", "family", "Müller"));
        assertEquals(Set.of(), r.search("Patient", "family", "ller"), "the default match is at the start");
        assertEquals(Set.of(), r.search("Patient", "family", "mullers"));
    }

    @Test
    void givenChineseNames_whenFirstCharacter_thenEveryPartStartingWithIt() {
        MarkedResources r = patients();

        assertEquals(Set.of(ZHANG_WEI, LI_ZHANGHUA), r.search("Patient", "name", "张"), "family 张, given 张华");
        assertEquals(Set.of(ZHANG_WEI), r.search("Patient", "family", "张"));
        assertEquals(Set.of(LI_ZHANGHUA), r.search("Patient", "given", "张"));
        assertEquals(Set.of(ZHANG_WEI), r.search("Patient", "name", "张伟"), "name.text");
        assertEquals(Set.of(), r.search("Patient", "family", "华"));
    }

    @Test
    void givenNames_whenExact_thenWholeValueCaseAndAccentsAsWritten() {
        MarkedResources r = patients();

        assertEquals(Set.of(MUELLER), r.search("Patient", "family:exact", "Müller"));
        assertEquals(Set.of(MULLER), r.search("Patient", "family:exact", "Muller"));
        assertEquals(Set.of(), r.search("Patient", "family:exact", "müller"));
        assertEquals(Set.of(), r.search("Patient", "family:exact", "Mül"));
        assertEquals(Set.of(ZHANG_WEI), r.search("Patient", "name:exact", "张伟"));
        assertEquals(Set.of(MUELLER, ZHANG_WEI), r.search("Patient", "name:exact", "Hans Müller,张"));
    }

    @Test
    void givenNames_whenContains_thenAnywhereIgnoringCaseAndAccents() {
        MarkedResources r = patients();

        assertEquals(Set.of(MUELLER, MULLER), r.search("Patient", "family:contains", "ULL"));
        assertEquals(Set.of(MUELLER, MULLER), r.search("Patient", "family:contains", "üller"));
        assertEquals(Set.of(LI_ZHANGHUA), r.search("Patient", "name:contains", "华"));
        assertEquals(Set.of(MUELLER), r.search("Patient", "name:contains", "s mü"), "inside name.text 'Hans Müller'");
    }

    @Test
    void givenNames_whenNameOrGiven_thenAnyPartOrTheGivenNames() {
        MarkedResources r = patients();

        assertEquals(Set.of(MUELLER), r.search("Patient", "given", "han"));
        assertEquals(Set.of(), r.search("Patient", "family", "hans"));
        assertEquals(Set.of(MUELLER), r.search("Patient", "name", "hans m"), "the start of name.text");
        assertEquals(Set.of(MUELLER, MULLER), r.search("Patient", "name", "hans,anna"));
        assertEquals(Set.of(MULLER), r.search("Patient", "name", "anna", "name", "mul"), "repeated: both parts");
        assertEquals(Set.of(), r.search("Patient", "name", "anna", "name", "zhang"));
    }

    @Test
    void givenAddresses_whenCity_thenStartOfCityIgnoringAccents() {
        MarkedResources r = patients();

        assertEquals(Set.of(MUELLER), r.search("Patient", "address-city", "munchen"));
        assertEquals(Set.of(MUELLER), r.search("Patient", "address-city", "MÜN"));
        assertEquals(Set.of(ZHANG_WEI), r.search("Patient", "address-city", "济"));
        assertEquals(Set.of(ZHANG_WEI), r.search("Patient", "address", "济南"));
        assertEquals(Set.of(), r.search("Patient", "address-city", "南"));
    }

    /** `%`, `_` and `\` in a search value are characters to match, not patterns. */
    @Test
    void givenPatternCharacters_whenSearch_thenTakenLiterally() {
        MarkedResources r = patients();

        assertEquals(Set.of(), r.search("Patient", "family", "%"));
        assertEquals(Set.of(), r.search("Patient", "family", "M_ller"));
        assertEquals(Set.of(), r.search("Patient", "family:contains", "_"));
        assertEquals(Set.of(), r.search("Patient", "name:contains", "\\"));
    }

    @Test
    void givenSomeWithoutNameOrCity_whenMissing_thenWithoutOrWithAValue() {
        MarkedResources r = patients();

        assertEquals(Set.of(MULLER, LI_ZHANGHUA, NAMELESS), r.search("Patient", "address-city:missing", "true"));
        assertEquals(Set.of(MUELLER, ZHANG_WEI), r.search("Patient", "address-city:missing", "false"));
        assertEquals(Set.of(NAMELESS), r.search("Patient", "family:missing", "true"));
        assertEquals(Set.of(MUELLER, MULLER, ZHANG_WEI, LI_ZHANGHUA), r.search("Patient", "family:missing", "false"));
    }

    @Test
    void givenUnsupportedModifier_whenStringSearch_then400Invalid() {
        new MarkedResources().request().queryParam("family:below", "Mul")
                .when().get("/Patient")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", equalTo("Modifier :below is not supported on string parameter family"));
    }
}
