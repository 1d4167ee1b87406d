package org.hrgateway.search;

import io.quarkus.test.junit.QuarkusTest;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;

/**
 * Values longer than a B-tree entry can hold (about 2.7 KB) are valid FHIR and arrive from hospital
 * feeds: a long lab comment, family name, identifier or display. They are stored and stay searchable
 * (the index keeps their first 1,024 bytes; docs: README, Search).
 */
@QuarkusTest
class LongValuesTest {

    private static final String LIS = "http://hospital.example.cn/lis";

    @Test
    void givenThreeThousandCharacterStrings_whenCreate_thenStoredAndFound() {
        String unique = Fixtures.unique();
        String family = "欧阳" + "长".repeat(3000) + unique;
        String identifier = unique + "-" + "9".repeat(3000);
        String patient = created("Patient", """
                {"resourceType":"Patient","identifier":[{"system":"%s","value":"%s"}],"name":[{"family":"%s"}]}"""
                .formatted(LIS, identifier, family));

        assertThat(ids("Patient", "identifier", LIS + "|" + identifier), equalTo(List.of(patient)));
        assertThat(ids("Patient", "name:exact", family), equalTo(List.of(patient)));
        assertThat(ids("Patient", "identifier", LIS + "|" + identifier, "name", "欧阳长长"), equalTo(List.of(patient)));
    }

    @Test
    void givenLongLabCommentAndDisplay_whenCreateObservation_thenStoredAndFound() {
        String unique = Fixtures.unique();
        String comment = unique + " " + "Specimen slightly haemolysed; repeat advised if clinically indicated. ".repeat(45);
        String display = unique + " " + "Haemoglobin [Mass/volume] in Blood ".repeat(90);
        String observation = created("Observation", """
                {"resourceType":"Observation","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"718-7","display":"%s"}]},
                 "valueString":"%s"}""".formatted(display, comment));

        assertThat(ids("Observation", "value-string", comment), equalTo(List.of(observation)));
        assertThat(ids("Observation", "code:text", display), equalTo(List.of(observation)));
    }

    private static List<String> ids(String type, String... nameValues) {
        var request = fhir();
        for (int i = 0; i < nameValues.length; i += 2) {
            request = request.formParam(nameValues[i], nameValues[i + 1]);
        }
        List<String> ids = request.contentType("application/x-www-form-urlencoded")
                .when().post("/" + type + "/_search")
                .then().statusCode(200)
                .extract().path("entry.resource.id");
        return ids == null ? List.of() : ids;
    }
}
