package org.hrgateway.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.support.FhirApi.fhirAs;

/**
 * Browser apps: only the origins the operator lists may call the gateway across origins (preflight
 * and actual request); none as shipped (CorsAllowedOriginTest: one listed).
 */
@QuarkusTest
class CorsTest {

    static final String APP = "https://app.hr-gateway.test";
    static final String ELSEWHERE = "https://elsewhere.example";

    @Test
    void givenAPreflightFromAnyOrigin_whenAsked_thenNoOriginIsAllowed() {
        fhirAs(null).header("Origin", APP).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/Patient").then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void givenARequestFromAnotherOrigin_whenSent_thenRefusedWithoutCorsHeaders() {
        fhir().header("Origin", ELSEWHERE).get("/Patient").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void givenARequestWithoutAnOrigin_whenSent_thenAnsweredAsAlways() {
        fhir().get("/Patient").then().statusCode(200);
    }
}
