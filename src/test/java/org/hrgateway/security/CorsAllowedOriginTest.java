package org.hrgateway.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.support.FhirApi.fhirAs;

/** An operator listed one app's origin: that app may call the gateway from a browser, no other. */
@QuarkusTest
@TestProfile(CorsAllowedOriginTest.OneApp.class)
class CorsAllowedOriginTest {

    static final String APP = CorsTest.APP;
    static final String ELSEWHERE = CorsTest.ELSEWHERE;


    @Test
    void givenAPreflightFromTheApp_whenAsked_thenAllowedWithTheHeadersAFhirClientSends() {
        fhirAs(null).header("Origin", APP).header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .options("/Patient/1").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(APP))
                .header("Access-Control-Allow-Methods", containsString("PUT"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
    }

    @Test
    void givenARequestFromTheApp_whenSentWithAToken_thenAnsweredWithItsHeadersExposed() {
        fhir().header("Origin", APP).get("/Patient").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(APP))
                .header("Access-Control-Expose-Headers", containsString("Location"));
    }

    @Test
    void givenARequestFromAnotherOrigin_whenSent_thenRefused() {
        fhir().header("Origin", ELSEWHERE).get("/Patient").then().statusCode(403)
                .header("Access-Control-Allow-Origin", not(equalTo(ELSEWHERE)));
    }

    @Test
    void givenARequestFromTheAppWithoutAToken_whenSent_then401AsAnyOther() {
        fhirAs(null).header("Origin", APP).get("/Patient").then().statusCode(401)
                .header("Access-Control-Allow-Origin", equalTo(APP));
    }

    public static class OneApp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.origins", APP);
        }
    }
}
