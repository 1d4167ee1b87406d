package org.hrgateway.operation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hrgateway.support.PackagePublished;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation behind one contract: routed by its OperationDefinition, listed in the
 * CapabilityStatement, and every call checked against the definition before the operation runs.
 */
@QuarkusTest
class OperationContractTest {

    private static final String LAB_ITEMS = "http://hr-gateway.org/fhir/ValueSet/mr-lab-items";

    @Inject
    Operations operations;

    @BeforeEach
    void packagePublished() {
        PackagePublished.await();
    }

    @Test
    void givenTheRegistry_whenRead_thenEveryOperationHasItsPublishedDefinition() {
        List<String> names = operations.all().stream().map(Operations.Declared::name).distinct().sorted().toList();
        assertEquals(List.of("expand", "locator-rebuild", "lookup", "recognition-report", "recognize", "reindex", "validate", "validate-code"),
                names);
        operations.all().forEach(declared -> assertEquals(declared.operation().definition(), declared.url()));
    }

    @Test
    void givenEveryOperation_whenMetadataIsRead_thenEachIsListedWhereItIsCalled() {
        JsonPath metadata = fhir().when().get("/metadata").then().statusCode(200).extract().jsonPath();
        for (Operations.Declared declared : operations.all()) {
            if (declared.definition().getSystem()) {
                assertTrue(metadata.getList("rest[0].operation.definition").contains(declared.url()), declared.url());
            }
            for (CodeType resource : declared.definition().getResource()) {
                String type = resource.getCode().equals("Resource") ? "Observation" : resource.getCode();
                assertTrue(metadata.getList("rest[0].resource.find { it.type == '" + type + "' }.operation.definition")
                        .contains(declared.url()), declared.url() + " on " + type);
            }
        }
        fhir().when().get("/metadata").then()
                .body("rest[0].operation.find { it.name == 'reindex' }.definition",
                        equalTo("http://hr-gateway.org/fhir/OperationDefinition/reindex"));
    }

    @Test
    void givenAnOperationThatChangesState_whenCalledWithGet_then405() {
        fhir().when().get("/$reindex").then().statusCode(405)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("call it with POST"));
    }

    @Test
    void givenAnOperationAtALevelItsDefinitionDoesNotName_whenCalled_then400NotSupported() {
        fhir().when().post("/Observation/$reindex").then().statusCode(400)
                .body("issue[0].code", equalTo("not-supported"))
                .body("issue[0].diagnostics", containsString("on Observation"));
        fhir().when().get("/$expand").then().statusCode(400).body("issue[0].code", equalTo("not-supported"));
    }

    @Test
    void givenAParameterTheDefinitionDoesNotName_whenCalled_then400NamingIt() {
        fhir().queryParam("url", LAB_ITEMS).queryParam("fliter", "haem")
                .when().get("/ValueSet/$expand").then().statusCode(400)
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", containsString("'fliter' is not a parameter of $expand"));
    }

    @Test
    void givenAParameterMoreOftenThanItsMax_whenCalled_then400() {
        fhir().queryParam("url", LAB_ITEMS).queryParam("count", "1").queryParam("count", "2")
                .when().get("/ValueSet/$expand").then().statusCode(400)
                .body("issue[0].diagnostics", containsString("'count' of $expand is given 2 times; it takes at most 1"));
    }

    @Test
    void givenAValueOfTheWrongType_whenCalled_then400NamingTheType() {
        fhir().queryParam("url", LAB_ITEMS).queryParam("count", "many")
                .when().get("/ValueSet/$expand").then().statusCode(400)
                .body("issue[0].diagnostics", containsString("'count' of $expand must be a integer, not 'many'"));
        Parameters call = new Parameters();
        call.addParameter().setName("patient").setValue(new StringType("370102197001010011"));
        call.addParameter().setName("code").setValue(new CodeType("718-7"));
        fhir().contentType(FHIR_JSON).body(org.hrgateway.validation.LabResources.json(call))
                .when().post("/$recognize").then().statusCode(400)
                .body("issue[0].diagnostics", containsString("must be a valueIdentifier, not a valueString"));
    }

    @Test
    void givenAComplexTypedParameterInTheUrl_whenCalled_then400AskingForABody() {
        fhir().queryParam("coding", "http://loinc.org|718-7")
                .when().get("/CodeSystem/$lookup").then().statusCode(400)
                .body("issue[0].diagnostics", containsString("give it in a Parameters body"));
    }

    @Test
    void givenARequiredParameterMissing_whenCalled_then400RequiredWithItsDocumentation() {
        fhir().queryParam("period-start", "2026-01-01")
                .when().get("/$recognition-report").then().statusCode(400)
                .body("issue[0].code", equalTo("required"))
                .body("issue[0].diagnostics", containsString("needs parameter 'period-end' (dateTime): End of the period"));
    }

    @Test
    void givenAnInvalidInstanceId_whenAnOperationIsCalledOnIt_then400() {
        fhir().when().get("/Observation/" + "x".repeat(65) + "/$validate").then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void givenThePercentEncodedDollar_whenCalled_thenTheSameOperation() {
        fhir().urlEncodingEnabled(false).queryParam("url", LAB_ITEMS).queryParam("count", "1")
                .when().get("/ValueSet/%24expand").then().statusCode(200)
                .body("expansion.contains.code", hasItem(org.hamcrest.Matchers.any(String.class)));
    }
}
