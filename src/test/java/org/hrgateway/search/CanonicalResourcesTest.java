package org.hrgateway.search;

import io.quarkus.test.junit.QuarkusTest;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.ValueSet;
import org.hrgateway.support.Fixtures;
import org.hrgateway.validation.LabResources;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;

/**
 * One rule for "the ValueSet with this URL", whoever asks: `$expand` and a `:in` search see the same
 * one. Of the held ValueSets of a URL the most recently updated wins; `url|version` picks that version.
 */
@QuarkusTest
class CanonicalResourcesTest {

    private static final String SYSTEM = "http://example.org/fhir/CodeSystem/local-items";

    private static String valueSet(String url, String version, String code) {
        ValueSet valueSet = new ValueSet();
        valueSet.setUrl(url).setVersion(version).setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
        valueSet.getCompose().addInclude().setSystem(SYSTEM).addConcept().setCode(code);
        return created("ValueSet", LabResources.json(valueSet));
    }

    private static String observation(String code) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(SYSTEM, code, null)));
        return created("Observation", LabResources.json(observation));
    }

    @Test
    void givenTwoValueSetsOfOneUrl_whenExpandedAndSearchedIn_thenBothUseTheNewest() {
        String url = "http://example.org/fhir/ValueSet/" + Fixtures.unique();
        String older = "older-" + Fixtures.unique();
        String newer = "newer-" + Fixtures.unique();
        valueSet(url, "1.0", older);
        valueSet(url, "2.0", newer);
        observation(older);
        String matching = observation(newer);

        fhir().queryParam("url", url).when().get("/ValueSet/$expand").then().statusCode(200)
                .body("expansion.contains.code", contains(newer));
        fhir().queryParam("code:in", url).when().get("/Observation").then().statusCode(200)
                .body("total", equalTo(1))
                .body("entry[0].resource.id", equalTo(matching));
    }

    @Test
    void givenAVersionedUrl_whenExpandedAndSearchedIn_thenThatVersion() {
        String url = "http://example.org/fhir/ValueSet/" + Fixtures.unique();
        String first = "first-" + Fixtures.unique();
        valueSet(url, "1.0", first);
        valueSet(url, "2.0", "second-" + Fixtures.unique());
        String matching = observation(first);

        fhir().queryParam("url", url + "|1.0").when().get("/ValueSet/$expand").then().statusCode(200)
                .body("expansion.contains.code", contains(first));
        fhir().queryParam("code:in", url + "|1.0").when().get("/Observation").then().statusCode(200)
                .body("total", equalTo(1))
                .body("entry[0].resource.id", equalTo(matching));
        fhir().queryParam("url", url + "|3.0").when().get("/ValueSet/$expand").then().statusCode(404);
    }
}
