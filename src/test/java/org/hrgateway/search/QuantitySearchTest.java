package org.hrgateway.search;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Quantity search (https://hl7.org/fhir/R4/search.html#quantity) on Observation value-quantity:
 * `[prefix]number[|system|code]`, the number compared as in search.html#number (eq honours the
 * value's implicit precision: `100` is [99.5, 100.5)), the unit by system and code, or with no
 * system by code or human unit. No served type has a number parameter, so these are also the
 * tests of the number comparisons that quantity shares.
 */
@QuarkusTest
class QuantitySearchTest {

    private static final String UCUM = "http://unitsofmeasure.org";

    private static final String HGB_13_2 = "13.2 g/dL";
    private static final String MG_100 = "100 mg";
    private static final String MG_100_4 = "100.4 mg";
    private static final String MG_100_6 = "100.6 mg";
    private static final String MMOL_5_4_CODED = "5.4 mmol/L, UCUM coded";
    private static final String MMOL_5_4_TEXT = "5.4 'mmol/L' as unit text only";
    private static final String NO_QUANTITY = "valueString";

    private static MarkedResources observations() {
        MarkedResources r = new MarkedResources();
        r.create(HGB_13_2, "Observation", "quantity/observation-value-quantity.json",
                "value", "13.2", "unit", "g/dL", "code", "g/dL");
        r.create(MG_100, "Observation", "quantity/observation-value-quantity.json",
                "value", "100", "unit", "mg", "code", "mg");
        r.create(MG_100_4, "Observation", "quantity/observation-value-quantity.json",
                "value", "100.4", "unit", "mg", "code", "mg");
        r.create(MG_100_6, "Observation", "quantity/observation-value-quantity.json",
                "value", "100.6", "unit", "mg", "code", "mg");
        r.create(MMOL_5_4_CODED, "Observation", "quantity/observation-value-quantity.json",
                "value", "5.4", "unit", "millimole per liter", "code", "mmol/L");
        r.create(MMOL_5_4_TEXT, "Observation", "quantity/observation-value-unit-text-only.json",
                "value", "5.4", "unit", "mmol/L");
        r.create(NO_QUANTITY, "Observation", "quantity/observation-value-string.json");
        return r;
    }

    @Test
    void givenValues_whenEq_thenWithinTheImplicitPrecisionOfTheSearchValue() {
        MarkedResources r = observations();

        assertEquals(Set.of(HGB_13_2), r.search("Observation", "value-quantity", "eq13.2"));
        assertEquals(Set.of(HGB_13_2), r.search("Observation", "value-quantity", "13.2"));
        assertEquals(Set.of(HGB_13_2), r.search("Observation", "value-quantity", "13"), "[12.5, 13.5)");
        assertEquals(Set.of(), r.search("Observation", "value-quantity", "13.3"), "[13.25, 13.35)");
        // 100 is [99.5, 100.5): 100.4 is in, 100.6 is not.
        assertEquals(Set.of(MG_100, MG_100_4), r.search("Observation", "value-quantity", "eq100"));
        assertEquals(Set.of(MG_100, MG_100_4), r.search("Observation", "value-quantity", "100"));
        assertEquals(Set.of(MG_100), r.search("Observation", "value-quantity", "100.0"), "[99.95, 100.05)");
        assertEquals(Set.of(MG_100_6), r.search("Observation", "value-quantity", "100.6"));
    }

    @Test
    void givenValues_whenNe_thenOutsideTheImplicitPrecision() {
        MarkedResources r = observations();

        assertEquals(Set.of(HGB_13_2, MG_100_6, MMOL_5_4_CODED, MMOL_5_4_TEXT),
                r.search("Observation", "value-quantity", "ne100"));
    }

    @Test
    void givenValues_whenOrderingPrefixes_thenComparedWithTheExactValue() {
        MarkedResources r = observations();

        assertEquals(Set.of(MG_100_4, MG_100_6), r.search("Observation", "value-quantity", "gt100"));
        assertEquals(Set.of(MG_100, MG_100_4, MG_100_6), r.search("Observation", "value-quantity", "ge100"));
        assertEquals(Set.of(HGB_13_2, MMOL_5_4_CODED, MMOL_5_4_TEXT), r.search("Observation", "value-quantity", "lt100"));
        assertEquals(Set.of(HGB_13_2, MG_100, MMOL_5_4_CODED, MMOL_5_4_TEXT),
                r.search("Observation", "value-quantity", "le100"));
        assertEquals(Set.of(MG_100_4), r.search("Observation", "value-quantity", "gt100", "value-quantity", "lt100.5"));
    }

    /** Stored values are points, so sa and eb read like gt and lt; values chosen away from any precision edge. */
    @Test
    void givenValues_whenSaOrEb_thenWhollyAboveOrBelow() {
        MarkedResources r = observations();

        assertEquals(Set.of(MG_100_6), r.search("Observation", "value-quantity", "sa100.5"));
        assertEquals(Set.of(MMOL_5_4_CODED, MMOL_5_4_TEXT), r.search("Observation", "value-quantity", "eb13.2"));
        assertEquals(Set.of(MMOL_5_4_CODED, MMOL_5_4_TEXT, HGB_13_2), r.search("Observation", "value-quantity", "eb20"));
    }

    /** ap: within 10% of the search value (search.html#prefix). */
    @Test
    void givenValues_whenAp_thenWithinATenth() {
        MarkedResources r = observations();

        assertEquals(Set.of(MG_100, MG_100_4, MG_100_6), r.search("Observation", "value-quantity", "ap100"));
        assertEquals(Set.of(MG_100, MG_100_4, MG_100_6), r.search("Observation", "value-quantity", "ap110"), "[99, 121]");
        assertEquals(Set.of(HGB_13_2), r.search("Observation", "value-quantity", "ap13"));
        assertEquals(Set.of(MMOL_5_4_CODED, MMOL_5_4_TEXT), r.search("Observation", "value-quantity", "ap5"));
        assertEquals(Set.of(), r.search("Observation", "value-quantity", "ap50"));
    }

    @Test
    void givenUnits_whenSystemAndCode_thenOnlyThatUnit() {
        MarkedResources r = observations();

        assertEquals(Set.of(MG_100, MG_100_4), r.search("Observation", "value-quantity", "100|" + UCUM + "|mg"));
        assertEquals(Set.of(MG_100), r.search("Observation", "value-quantity", "le100|" + UCUM + "|mg"));
        assertEquals(Set.of(), r.search("Observation", "value-quantity", "13.2|" + UCUM + "|mg"));
        assertEquals(Set.of(HGB_13_2), r.search("Observation", "value-quantity", "13.2|" + UCUM + "|g/dL"));
        assertEquals(Set.of(MMOL_5_4_CODED), r.search("Observation", "value-quantity", "5.4|" + UCUM + "|mmol/L"));
        assertEquals(Set.of(), r.search("Observation", "value-quantity", "5.4|http://example.org/units|mmol/L"));
    }

    @Test
    void givenUnits_whenNoSystem_thenCodeOrHumanUnit() {
        MarkedResources r = observations();

        assertEquals(Set.of(MMOL_5_4_CODED, MMOL_5_4_TEXT), r.search("Observation", "value-quantity", "5.4||mmol/L"));
        assertEquals(Set.of(MMOL_5_4_CODED), r.search("Observation", "value-quantity", "5.4||millimole per liter"));
        assertEquals(Set.of(MG_100, MG_100_4, MG_100_6), r.search("Observation", "value-quantity", "gt0||mg"));
        assertEquals(Set.of(MG_100_4, MMOL_5_4_CODED, MMOL_5_4_TEXT),
                r.search("Observation", "value-quantity", "100.4||mg,5.4||mmol/L"));
    }

    @Test
    void givenOneWithoutQuantity_whenMissing_thenWithoutOrWithAValue() {
        MarkedResources r = observations();

        assertEquals(Set.of(NO_QUANTITY), r.search("Observation", "value-quantity:missing", "true"));
        assertEquals(Set.of(HGB_13_2, MG_100, MG_100_4, MG_100_6, MMOL_5_4_CODED, MMOL_5_4_TEXT),
                r.search("Observation", "value-quantity:missing", "false"));
    }

    @Test
    void givenMalformedNumber_whenSearch_then400Invalid() {
        String[][] cases = {
                {"1.2.3", "'1.2.3' is not a number"},
                {"abc", "Unknown prefix 'ab' in 'abc' (expected eq, ne, gt, lt, ge, le, sa, eb or ap)"},
                {"gt1O0", "'1O0' is not a number"},
                {"100|mg", "A quantity is number, or number|system|code, not '100|mg'"},
        };
        for (String[] c : cases) {
            new MarkedResources().request().queryParam("value-quantity", c[0])
                    .when().get("/Observation")
                    .then().statusCode(400)
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].severity", equalTo("error"))
                    .body("issue[0].code", equalTo("invalid"))
                    .body("issue[0].diagnostics", equalTo(c[1]));
        }
    }
}
