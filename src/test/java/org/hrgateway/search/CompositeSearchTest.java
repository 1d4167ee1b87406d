package org.hrgateway.search;

import io.quarkus.test.junit.QuarkusTest;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Composite search (search.html#composite): both parts must hold for the same pair, the code and the
 * value of one Observation (`code-value-quantity`) or of one component (`component-code-value-quantity`),
 * or either (`combo-code-value-quantity`). Every search is restricted to the test's own subject.
 */
@QuarkusTest
class CompositeSearchTest {

    private static final String LOINC = "http://loinc.org|";

    /** Haemoglobins above and below 13 g/dL, a glucose above 13, and two blood pressures. */
    private record Written(String subject, String hbHigh, String hbLow, String glucose, String bpHighSystolic,
                           String bpHighDiastolic) {
    }

    private static Written write() {
        String subject = "Patient/composite-" + Fixtures.unique();
        return new Written(subject,
                created("Observation", SearchFixtures.load("observation-hemoglobin-value.json",
                        "subject", subject, "value", "14.1")),
                created("Observation", SearchFixtures.load("observation-hemoglobin-value.json",
                        "subject", subject, "value", "12.0")),
                created("Observation", SearchFixtures.load("observation-glucose-value.json",
                        "subject", subject, "value", "95")),
                created("Observation", SearchFixtures.load("observation-blood-pressure.json",
                        "subject", subject, "systolic", "150", "diastolic", "85")),
                created("Observation", SearchFixtures.load("observation-blood-pressure.json",
                        "subject", subject, "systolic", "120", "diastolic", "95")));
    }

    private static Set<String> search(Written written, String param, String value) {
        return Set.copyOf(Searchset.of(fhir().queryParam("subject", written.subject()).queryParam(param, value)
                .get("/Observation")).matchIds());
    }

    @Test
    void givenHemoglobinsAboveAndBelow13_whenCodeValueQuantityGt13_thenOnlyTheHigherOne() {
        Written written = write();

        assertEquals(Set.of(written.hbHigh()), search(written, "code-value-quantity", LOINC + "718-7$gt13"));
    }

    @Test
    void givenHemoglobinsAboveAndBelow13_whenCodeValueQuantityLt13_thenOnlyTheLowerOne() {
        Written written = write();

        assertEquals(Set.of(written.hbLow()), search(written, "code-value-quantity", LOINC + "718-7$lt13"));
    }

    @Test
    void givenGlucoseAbove13_whenHemoglobinCodeWithGt13_thenGlucoseNotMatched() {
        Written written = write();

        assertEquals(Set.of(written.hbHigh()), search(written, "code-value-quantity", LOINC + "718-7$gt13"));
        assertEquals(Set.of(written.glucose()), search(written, "code-value-quantity", LOINC + "2345-7$gt13"));
    }

    @Test
    void givenHemoglobins_whenCodeValueQuantityWithUnit_thenUnitMustMatchToo() {
        Written written = write();

        assertEquals(Set.of(written.hbHigh()), search(written, "code-value-quantity",
                LOINC + "718-7$gt13|http://unitsofmeasure.org|g/dL"));
        assertEquals(Set.of(), search(written, "code-value-quantity",
                LOINC + "718-7$gt13|http://unitsofmeasure.org|mg/dL"));
    }

    @Test
    void givenHemoglobins_whenTwoCompositeValuesOred_thenEither() {
        Written written = write();

        assertEquals(Set.of(written.hbHigh(), written.hbLow()), search(written, "code-value-quantity",
                LOINC + "718-7$gt14," + LOINC + "718-7$lt12.5"));
    }

    @Test
    void givenBloodPressures_whenComponentSystolicGt140_thenOnlyTheHighSystolic() {
        Written written = write();

        assertEquals(Set.of(written.bpHighSystolic()), search(written, "component-code-value-quantity",
                LOINC + "8480-6$gt140"));
        assertEquals(Set.of(written.bpHighDiastolic()), search(written, "component-code-value-quantity",
                LOINC + "8462-4$gt90"));
    }

    /** 150 is a systolic value: a diastolic above 140 is no component of either blood pressure. */
    @Test
    void givenBloodPressures_whenComponentCodeOfOneAndValueOfAnother_thenNoMatch() {
        Written written = write();

        assertEquals(Set.of(), search(written, "component-code-value-quantity", LOINC + "8462-4$gt140"));
        assertEquals(Set.of(written.bpHighSystolic(), written.bpHighDiastolic()),
                search(written, "component-code-value-quantity", LOINC + "8480-6$ge120"));
    }

    @Test
    void givenBloodPressuresAndHemoglobins_whenComboCodeValueQuantity_thenObservationOrComponentPairs() {
        Written written = write();

        assertEquals(Set.of(written.bpHighSystolic()), search(written, "combo-code-value-quantity",
                LOINC + "8480-6$gt140"));
        assertEquals(Set.of(written.hbHigh()), search(written, "combo-code-value-quantity", LOINC + "718-7$gt13"));
        assertEquals(Set.of(written.hbHigh(), written.bpHighSystolic()), search(written, "combo-code-value-quantity",
                LOINC + "718-7$gt13," + LOINC + "8480-6$gt140"));
    }

    @Test
    void givenBloodPressures_whenCodeValueQuantityOnPanelCode_thenNoMatchSinceThePanelHasNoValue() {
        Written written = write();

        assertEquals(Set.of(), search(written, "code-value-quantity", LOINC + "85354-9$gt0"));
    }

    @Test
    void whenCompositeValueHasNoDollar_then400Invalid() {
        fhir().queryParam("code-value-quantity", LOINC + "718-7").get("/Observation")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", containsString("first$second"));
    }
}
