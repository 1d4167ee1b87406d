package org.hrgateway.terminology;

import io.quarkus.test.junit.QuarkusTest;
import org.hrgateway.support.PackagePublished;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** $expand, $validate-code and $lookup over the package's terminology and ValueSets clients stored. */
@QuarkusTest
class TerminologyOperationsTest {

    private static final String BASE = "http://hr-gateway.org/fhir";
    private static final String LAB_ITEMS = BASE + "/ValueSet/mr-lab-items";

    @BeforeEach
    void packagePublished() {
        PackagePublished.await();
    }

    @Test
    void whenLabItemsExpanded_thenAll77LoincItems() {
        fhir().queryParam("url", LAB_ITEMS)
                .when().get("/ValueSet/$expand")
                .then().statusCode(200)
                .body("resourceType", equalTo("ValueSet"))
                .body("expansion.total", equalTo(77))
                .body("expansion.contains", hasSize(77))
                .body("expansion.contains.system", everyItem(equalTo("http://loinc.org")))
                .body("expansion.contains.code", hasItem("58410-2"));
    }

    @Test
    void whenExpandedWithFilter_thenOnlyMatchingDisplays() {
        fhir().queryParam("filter", "hemoglobin")
                .when().get("/ValueSet/mr-lab-items/$expand")
                .then().statusCode(200)
                .body("expansion.contains.code", containsInAnyOrder("718-7", "4548-4", "2335-8", "29771-3"))
                .body("expansion.total", equalTo(4));
    }

    @Test
    void whenExpandedPageByPage_thenThePagesMakeTheWhole() {
        List<String> all = fhir().queryParam("url", BASE + "/ValueSet/mr-decline-reason")
                .when().get("/ValueSet/$expand").then().statusCode(200)
                .extract().path("expansion.contains.code");
        List<String> first = fhir().queryParam("url", BASE + "/ValueSet/mr-decline-reason")
                .queryParam("count", 4).queryParam("offset", 0)
                .when().get("/ValueSet/$expand").then().statusCode(200)
                .body("expansion.total", equalTo(10)).extract().path("expansion.contains.code");
        List<String> rest = fhir().contentType(FHIR_JSON).body("""
                {"resourceType": "Parameters", "parameter": [
                  {"name": "url", "valueUri": "%s"},
                  {"name": "offset", "valueInteger": 4}, {"name": "count", "valueInteger": 100}]}
                """.formatted(BASE + "/ValueSet/mr-decline-reason"))
                .when().post("/ValueSet/$expand").then().statusCode(200).extract().path("expansion.contains.code");

        assertEquals(10, all.size());
        assertEquals(first, all.subList(0, 4));
        assertEquals(rest, all.subList(4, 10));
    }

    @Test
    void givenStoredValueSetImportingThePackage_whenExpanded_thenExcludesApplied() {
        String id = created("ValueSet", """
                {"resourceType": "ValueSet", "status": "active", "url": "http://example.org/vs/marks-but-city",
                 "compose": {"include": [{"valueSet": ["%s/ValueSet/mr-mark"]}],
                             "exclude": [{"system": "%s/CodeSystem/mr-mark", "concept": [{"code": "JN-HR"}]}]}}
                """.formatted(BASE, BASE));

        fhir().when().get("/ValueSet/" + id + "/$expand")
                .then().statusCode(200)
                .body("expansion.contains.code", containsInAnyOrder("HR", "SD-HR"));
    }

    @Test
    void givenValueSetOfAllLoinc_whenExpanded_then422() {
        String id = created("ValueSet", """
                {"resourceType": "ValueSet", "status": "active", "compose": {"include": [{"system": "http://loinc.org"}]}}
                """);

        fhir().when().get("/ValueSet/" + id + "/$expand")
                .then().statusCode(422).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void whenExpandWithoutAValueSet_then400_andUnknownUrl404() {
        fhir().when().get("/ValueSet/$expand").then().statusCode(400);
        fhir().queryParam("url", "http://example.org/none").when().get("/ValueSet/$expand").then().statusCode(404);
        fhir().queryParam("url", LAB_ITEMS).queryParam("count", "-1").when().get("/ValueSet/$expand").then().statusCode(400);
    }

    @Test
    void whenCodesValidatedAgainstTheItemList_thenInListTrueOutsideFalse() {
        fhir().queryParam("url", LAB_ITEMS).queryParam("system", "http://loinc.org").queryParam("code", "718-7")
                .when().get("/ValueSet/$validate-code")
                .then().statusCode(200)
                .body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(true))
                .body("parameter.find { it.name == 'display' }.valueString", equalTo("Hemoglobin [Mass/volume] in Blood"));
        fhir().queryParam("url", LAB_ITEMS).queryParam("system", "http://loinc.org").queryParam("code", "94500-6")
                .when().get("/ValueSet/$validate-code")
                .then().statusCode(200)
                .body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(false));
        fhir().contentType(FHIR_JSON).body("""
                {"resourceType": "Parameters", "parameter": [{"name": "url", "valueUri": "%s"},
                  {"name": "coding", "valueCoding": {"system": "http://loinc.org", "code": "718-7", "display": "Glucose"}}]}
                """.formatted(LAB_ITEMS))
                .when().post("/ValueSet/$validate-code")
                .then().statusCode(200)
                .body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(false));
    }

    @Test
    void whenLoincItemLookedUp_thenCategoryAndValidityWindow() {
        fhir().queryParam("system", "http://loinc.org").queryParam("code", "4548-4")
                .when().get("/CodeSystem/$lookup")
                .then().statusCode(200)
                .body("parameter.find { it.name == 'display' }.valueString", equalTo("Hemoglobin A1c/Hemoglobin.total in Blood"))
                .body("parameter.findAll { it.name == 'property' }.find { it.part[0].valueCode == 'validity-days' }.part[1].valueInteger",
                        equalTo(90))
                .body("parameter.findAll { it.name == 'property' }.find { it.part[0].valueCode == 'category' }.part[1].valueCode",
                        equalTo("biochemistry"));
    }

    @Test
    void whenCategoryLookedUp_thenDisplayAndChineseDesignation() {
        fhir().queryParam("system", BASE + "/CodeSystem/mr-category").queryParam("code", "coagulation")
                .when().get("/CodeSystem/$lookup")
                .then().statusCode(200)
                .body("parameter.find { it.name == 'display' }.valueString", equalTo("Coagulation"))
                .body("parameter.find { it.name == 'designation' }.part.find { it.name == 'value' }.valueString",
                        equalTo("凝血检验"));
    }

    @Test
    void whenUnknownCodeLookedUp_then404_andMissingCode400() {
        fhir().queryParam("system", "http://loinc.org").queryParam("code", "94500-6")
                .when().get("/CodeSystem/$lookup").then().statusCode(404);
        fhir().queryParam("system", "http://example.org/unknown").queryParam("code", "x")
                .when().get("/CodeSystem/$lookup").then().statusCode(404);
        fhir().queryParam("system", "http://loinc.org")
                .when().get("/CodeSystem/$lookup").then().statusCode(400);
    }

    @Test
    void whenCodeValidatedInACodeSystem_thenKnownTrueUnknownFalse() {
        fhir().queryParam("url", BASE + "/CodeSystem/mr-mark").queryParam("code", "SD-HR")
                .when().get("/CodeSystem/$validate-code")
                .then().statusCode(200).body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(true));
        fhir().queryParam("code", "HRX")
                .when().get("/CodeSystem/mr-mark/$validate-code")
                .then().statusCode(200).body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(false));
    }

    @Test
    void whenOperationUnknown_then400() {
        fhir().when().get("/ValueSet/$frobnicate").then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
    }
}
