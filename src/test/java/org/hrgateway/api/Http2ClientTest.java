package org.hrgateway.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client that offers HTTP/2 (the JDK's HttpClient asks to upgrade a plain-HTTP connection to h2c)
 * can write. Over HTTP/2 a body that RequestGate had already read made Quarkus REST fail with 500
 * "Request has already been read" (quarkusio/quarkus#34393): the demo loader's every transaction did.
 */
@QuarkusTest
class Http2ClientTest {

    @Test
    void givenAClientOfferingHttp2_whenPosting_thenCreated() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest create = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/fhir/Patient"))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", org.hrgateway.support.TestTokens.bearer())
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Http2\"}]}"))
                .build();

        HttpResponse<String> response = client.send(create, HttpResponse.BodyHandlers.ofString());

        assertEquals(201, response.statusCode(), response.body());
    }
}
