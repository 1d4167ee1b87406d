package org.hrgateway.capability;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.hamcrest.Matchers.containsString;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /q/openapi says what /fhir/metadata says: the same types, interactions, search parameters and operations. */
@QuarkusTest
class OpenApiTest {

    @Test
    void givenTheCapabilityStatement_whenTheOpenApiDescriptionIsRead_thenItDescribesTheSameApi() {
        JsonPath metadata = fhir().when().get("/metadata").then().statusCode(200).extract().jsonPath();
        JsonPath openApi = RestAssured.given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");

        List<String> types = metadata.getList("rest[0].resource.type");
        Set<String> described = new TreeSet<>();
        for (String path : paths.keySet()) {
            String[] segments = path.split("/");
            if (segments.length == 3 && !segments[2].startsWith("$") && !segments[2].startsWith("_") && !segments[2].equals("metadata")) {
                described.add(segments[2]);
            }
        }
        assertEquals(new TreeSet<>(types), described, "one path per served type");
        assertFalse(paths.keySet().stream().anyMatch(path -> path.contains("{type}")), "no generic JAX-RS path: " + paths.keySet());

        for (String type : types) {
            List<String> searchParams = metadata.getList("rest[0].resource.find { it.type == '" + type + "' }.searchParam.name");
            List<String> queryParams = openApi.getList("paths.'/fhir/" + type + "'.get.parameters.name");
            assertEquals(new TreeSet<>(searchParams), new TreeSet<>(queryParams), type + "'s search parameters");
            List<String> operations = metadata.getList("rest[0].resource.find { it.type == '" + type + "' }.operation.name");
            for (String operation : operations) {
                assertTrue(paths.containsKey("/fhir/" + type + "/{id}/$" + operation), type + " $" + operation);
            }
        }
        assertTrue(paths.get("/fhir/Patient/{id}").containsKey("get"), "read");
        assertTrue(paths.get("/fhir/Patient/{id}/_history/{vid}").containsKey("get"), "vread");
        assertTrue(paths.get("/fhir").containsKey("post"), "transaction");
        assertEquals("JWT", openApi.getString("components.securitySchemes.bearer.bearerFormat"));
    }

    @Test
    void givenABrowser_whenSwaggerUiIsOpened_thenItIsServed() {
        RestAssured.given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
