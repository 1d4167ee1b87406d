package org.hrgateway.support;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** REST Assured requests against the FHIR base, with a token, and bodies sent as UTF-8 (Chinese names survive). */
public final class FhirApi {

    public static final String FHIR_JSON = "application/fhir+json";
    public static final String FHIR_XML = "application/fhir+xml";

    private static final RestAssuredConfig UTF8 = RestAssured.config()
            .encoderConfig(EncoderConfig.encoderConfig()
                    .defaultContentCharset("UTF-8")
                    .encodeContentTypeAs(FHIR_JSON, ContentType.JSON)
                    .encodeContentTypeAs(FHIR_XML, ContentType.XML));

    private FhirApi() {
    }

    /** As the provincial platform: a system token with every scope (security stays on in the suites). */
    public static RequestSpecification fhir() {
        return fhirAs(TestTokens.system());
    }

    /** With this bearer token, or none when null. */
    public static RequestSpecification fhirAs(String token) {
        RequestSpecification request = RestAssured.given().config(UTF8).basePath("/fhir");
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** POSTs a JSON body to [base]/[type], expects 201 and returns the id the server gave it. */
    public static String created(String type, String body) {
        return fhir().contentType(FHIR_JSON).body(body)
                .when().post("/" + type)
                .then().statusCode(201)
                .extract().path("id");
    }
}
