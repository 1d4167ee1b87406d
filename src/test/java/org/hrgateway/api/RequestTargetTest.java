package org.hrgateway.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.hrgateway.support.Fixtures;
import org.hrgateway.support.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hrgateway.support.FhirApi.created;

/**
 * Request targets as real clients send them, byte for byte (REST Assured would encode them first):
 * raw `|`, brackets, braces, `^`, a backtick and UTF-8 mean what their percent-encoded forms mean, and
 * whatever cannot be read is refused with an OperationOutcome, never an empty body.
 */
@QuarkusTest
class RequestTargetTest {

    private static final String LIS = "http://hospital.example.cn/lis";

    @Test
    void givenRawPipeAndUtf8_whenSearch_thenSameResultsAsEncoded() throws IOException {
        String unique = Fixtures.unique();
        String patient = created("Patient", """
                {"resourceType":"Patient","identifier":[{"system":"%s","value":"%s"}],"name":[{"family":"张"}]}"""
                .formatted(LIS, unique));

        List<String> raw = ids(RawHttp.get(port(), "/fhir/Patient?identifier=" + LIS + "|" + unique + "&name=张"));
        List<String> encoded = ids(RawHttp.get(port(), "/fhir/Patient?identifier=" + LIS.replace(":", "%3A")
                + "%7C" + unique + "&name=%E5%BC%A0"));

        assertThat(raw, equalTo(List.of(patient)));
        assertThat(encoded, equalTo(raw));
    }

    @Test
    void givenBracketsBracesCaretAndBacktick_whenSearchRaw_thenDecodedLikeEncoded() throws IOException {
        String value = "a[1]{2}^3`" + Fixtures.unique();
        String patient = created("Patient", """
                {"resourceType":"Patient","identifier":[{"system":"%s","value":"%s"}]}""".formatted(LIS, value));

        RawHttp.Response response = RawHttp.get(port(), "/fhir/Patient?identifier=" + LIS + "|" + value);

        assertThat(response.status(), equalTo(200));
        assertThat(ids(response), equalTo(List.of(patient)));
    }

    @Test
    void givenRawPipeInIfNoneExist_whenConditionalCreate_thenMatchesExisting() throws IOException {
        String unique = Fixtures.unique();
        String body = """
                {"resourceType":"Patient","identifier":[{"system":"%s","value":"%s"}]}""".formatted(LIS, unique);
        String first = created("Patient", body);

        RawHttp.Response again = RawHttp.send(port(), "POST", "/fhir/Patient",
                Map.of("Content-Type", "application/fhir+json", "If-None-Exist", "identifier=" + LIS + "|" + unique),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(again.status(), equalTo(200));
        assertThat(JsonPath.from(again.body()).getString("id"), equalTo(first));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = ';', value = {
            "/fhir/Patient?name=%ZZ; 400; invalid; Malformed percent-escape '%ZZ'",
            "/fhir/Patient?name=ab%2; 400; invalid; Malformed percent-escape '%2'",
            "/fhir/Patient?name=ab%00cd; 400; invalid; The request target holds the control character U+0000",
            "/fhir/Patient?_id=ab%00; 400; invalid; The request target holds the control character U+0000",
            "/fhir/Patient?name=%C3%28; 400; invalid; The request target's escapes do not decode as UTF-8",
            "/fhir/Patient?name=%FF; 400; invalid; The request target's escapes do not decode as UTF-8",
    })
    void givenUnreadableTarget_whenGet_thenOperationOutcome(String target, int status, String code, String text)
            throws IOException {
        assertOutcome(RawHttp.get(port(), target), status, code, text);
    }

    @Test
    void givenTargetOverTheLimit_whenGet_then414OperationOutcome() throws IOException {
        String target = "/fhir/Patient?name=" + "a".repeat(9000);

        assertOutcome(RawHttp.get(port(), target), 414, "too-long", "The request target is longer than 8192 characters");
    }

    @Test
    void givenHeadersOverTheLimit_whenGet_then431OperationOutcome() throws IOException {
        RawHttp.Response response = RawHttp.send(port(), "GET", "/fhir/metadata", Map.of("X-Padding", "a".repeat(20_000)), null);

        assertOutcome(response, 431, "too-long", "The request headers are larger than 16384 bytes");
    }

    @ParameterizedTest
    @CsvSource({"PATCH", "FOO", "TRACE"})
    void givenMethodFhirDoesNotServe_whenSent_then405OperationOutcome(String method) throws IOException {
        RawHttp.Response response = RawHttp.send(port(), method, "/fhir/Patient/1",
                Map.of("Content-Type", "application/json-patch+json"), "[]".getBytes());

        assertOutcome(response, 405, "not-supported", "The HTTP method " + method + " is not supported");
    }

    @Test
    void givenDeclaredLengthOverTheLimit_whenPost_then413BeforeTheBodyIsRead() throws IOException {
        RawHttp.Response response = RawHttp.send(port(), "POST", "/fhir/Patient",
                Map.of("Content-Type", "application/fhir+json", "Content-Length", "104857600"), new byte[0]);

        assertOutcome(response, 413, "too-costly", "The body is larger than 10485760 bytes");
    }

    @Test
    void givenChunkedBodyOverTheLimit_whenPost_then413OperationOutcome() throws IOException {
        byte[] body = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');
        RawHttp.Response response = RawHttp.send(port(), "POST", "/fhir/Patient",
                Map.of("Content-Type", "application/fhir+json", "Transfer-Encoding", "chunked"), RawHttp.chunked(body));

        assertOutcome(response, 413, "too-costly", "The body is larger than");
    }

    @Test
    void givenChunkedBodyWithinTheLimit_whenPost_thenCreated() throws IOException {
        String unique = Fixtures.unique();
        String json = """
                {"resourceType":"Patient","identifier":[{"system":"%s","value":"%s"}],"name":[{"family":"%s"}]}"""
                .formatted(LIS, unique, "x".repeat(200_000));
        RawHttp.Response response = RawHttp.send(port(), "POST", "/fhir/Patient",
                Map.of("Content-Type", "application/fhir+json", "Transfer-Encoding", "chunked"),
                RawHttp.chunked(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(response.body(), response.status(), equalTo(201));
        assertThat(JsonPath.from(response.body()).getString("name[0].family").length(), equalTo(200_000));
    }

    private static void assertOutcome(RawHttp.Response response, int status, String code, String text) {
        assertThat(response.body(), response.status(), equalTo(status));
        assertThat(response.headers().get("content-type"), startsWith("application/fhir+json"));
        JsonPath outcome = JsonPath.from(response.body());
        assertThat(outcome.getString("resourceType"), equalTo("OperationOutcome"));
        assertThat(outcome.getString("issue[0].code"), equalTo(code));
        assertThat(outcome.getString("issue[0].diagnostics"), startsWith(text));
    }

    private static List<String> ids(RawHttp.Response response) {
        assertThat(response.body(), response.status(), equalTo(200));
        List<String> ids = JsonPath.from(response.body()).getList("entry.resource.id");
        return ids == null ? List.of() : ids;
    }

    private static int port() {
        return RestAssured.port;
    }
}
