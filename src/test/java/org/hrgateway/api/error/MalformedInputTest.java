package org.hrgateway.api.error;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.hrgateway.support.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * What real feeds and careless clients send, one row each: the status and issue code a FHIR client
 * should get, never a 500 and never a silent change of what was sent. Sent byte for byte (RawHttp).
 * To add a case, add a row.
 */
@QuarkusTest
class MalformedInputTest {

    private static final String JSON = "application/fhir+json";
    private static final String FORM = "application/x-www-form-urlencoded";

    record Case(String name, String method, String target, String contentType, byte[] body,
                int status, String code, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                post("null where a value is due", "/fhir/Patient", "{\"resourceType\":\"Patient\",\"gender\":null}",
                        400, "structure", "A null at line 1"),
                post("empty array", "/fhir/Patient", "{\"resourceType\":\"Patient\",\"name\":[]}",
                        400, "structure", "An empty array at line 1"),
                post("empty object", "/fhir/Patient", "{\"resourceType\":\"Patient\",\"name\":[{}]}",
                        400, "structure", "An empty object at line 1"),
                post("a string where an array is due", "/fhir/Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"given\":\"Wei\"}]}",
                        400, "structure", "Patient.name[0].given repeats: write it as an array"),
                post("an object where an array is due", "/fhir/Patient", "{\"resourceType\":\"Patient\",\"name\":{\"family\":\"Zhang\"}}",
                        400, "structure", "Patient.name repeats: write it as an array"),
                post("an array where one value is due", "/fhir/Patient", "{\"resourceType\":\"Patient\",\"birthDate\":[\"1980-04-12\"]}",
                        400, "structure", "Patient.birthDate is a single element"),
                post("an array where one value is due, inside a transaction", "/fhir", transaction(
                        entry("urn:uuid:33333333-3333-3333-3333-333333333333", "{\"resourceType\":\"Patient\",\"gender\":[\"male\"]}")),
                        400, "structure", "Bundle.entry[0].resource.gender is a single element"),
                post("duplicate key", "/fhir/Patient", "{\"resourceType\":\"Patient\",\"gender\":\"male\",\"gender\":\"female\"}",
                        400, "structure", "Malformed JSON: Duplicate field 'gender'"),
                post("narrative that is not XHTML", "/fhir/Patient",
                        "{\"resourceType\":\"Patient\",\"text\":{\"status\":\"generated\",\"div\":\"<script>x</script>\"}}",
                        400, "structure", "The body is not a valid FHIR R4 resource"),
                post("year 0 date", "/fhir/Patient", "{\"resourceType\":\"Patient\",\"birthDate\":\"0000-01-01\"}",
                        400, "value", "'0000-01-01' is not a valid FHIR date"),
                post("year 0 dateTime", "/fhir/Observation", observation("\"effectiveDateTime\":\"0000-06-01T00:00:00Z\""),
                        400, "value", "'0000-06-01T00:00:00Z' is not a valid FHIR dateTime"),
                post("instant without a time", "/fhir/Observation", observation("\"issued\":\"2026-11-20\""),
                        400, "value", "'2026-11-20' is not a valid FHIR instant"),
                post("dateTime with a time but no zone", "/fhir/Observation", observation("\"effectiveDateTime\":\"2026-11-20T08:30:00\""),
                        400, "value", "'2026-11-20T08:30:00' is not a valid FHIR dateTime"),
                post("a day that does not exist", "/fhir/Patient", "{\"resourceType\":\"Patient\",\"birthDate\":\"2026-02-30\"}",
                        400, null, null),
                post("a number with a million-digit exponent", "/fhir/Observation",
                        observation("\"valueQuantity\":{\"value\":1e1000000}"),
                        400, "structure", "The number 1e1000000 at line 1"),
                post("a number with 100 digits", "/fhir/Observation",
                        observation("\"valueQuantity\":{\"value\":" + "9".repeat(100) + "}"),
                        400, "structure", "The number"),
                new Case("invalid UTF-8 in the body", "POST", "/fhir/Patient", JSON,
                        concat("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"", new byte[]{(byte) 0xC3, '('}, "\"}]}"),
                        400, "structure", "The body is not UTF-8 text"),
                post("a lone surrogate escape", "/fhir/Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"\\ud800\"}]}",
                        400, "structure", "A string holds a lone surrogate U+D800"),
                new Case("XML without the FHIR namespace", "POST", "/fhir/Patient", "application/fhir+xml",
                        "<Patient><gender value=\"male\"/></Patient>".getBytes(StandardCharsets.UTF_8),
                        400, "structure", "The root element <Patient> is not in the FHIR namespace"),
                new Case("a form body that cannot be decoded", "POST", "/fhir/Observation/_search", FORM,
                        "%%%&&&==".getBytes(StandardCharsets.UTF_8), 400, "invalid", "The form body cannot be decoded"),
                get("%00 in a search value", "/fhir/Patient?name=ab%00cd", 400, "invalid", "The request target holds the control character U+0000"),
                get("%00 in an id", "/fhir/Patient?_id=ab%00", 400, "invalid", "The request target holds the control character U+0000"),
                get("101 AND-ed search values", "/fhir/Observation?" + "code=x&".repeat(101), 400, "too-costly",
                        "The search has more than 100 parameter values"),
                get("101 OR-ed search values", "/fhir/Observation?code=" + "x,".repeat(100) + "x", 400, "too-costly",
                        "The search has more than 100 parameter values"),
                get("a search number out of range", "/fhir/Observation?value-quantity=1e999999", 400, "invalid", "'1e999999' is out of range"),
                post("a transaction referring to an entry it does not have", "/fhir", transaction(
                        entry("urn:uuid:11111111-1111-1111-1111-111111111111",
                                observation("\"subject\":{\"reference\":\"urn:uuid:22222222-2222-2222-2222-222222222222\"}"))),
                        400, "not-found", "Bundle.entry[0].resource refers to urn:uuid:22222222-2222-2222-2222-222222222222"),
                post("a transaction with two entries of one fullUrl", "/fhir", transaction(
                        entry("urn:uuid:11111111-1111-1111-1111-111111111111", "{\"resourceType\":\"Patient\",\"gender\":\"male\"}"),
                        entry("urn:uuid:11111111-1111-1111-1111-111111111111", "{\"resourceType\":\"Patient\",\"gender\":\"female\"}")),
                        400, "duplicate", "Bundle.entry[1].fullUrl urn:uuid:11111111-1111-1111-1111-111111111111"),
                new Case("PATCH", "PATCH", "/fhir/Patient/1", "application/json-patch+json", "[]".getBytes(StandardCharsets.UTF_8),
                        405, "not-supported", "The HTTP method PATCH is not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenMalformedInput_whenSent_thenTheRightStatusAndIssue(Case input) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        if (input.contentType() != null) {
            headers.put("Content-Type", input.contentType());
        }
        RawHttp.Response response = RawHttp.send(RestAssured.port, input.method(), input.target(), headers, input.body());

        assertThat(response.body(), response.status(), equalTo(input.status()));
        JsonPath outcome = JsonPath.from(response.body());
        assertThat(outcome.getString("resourceType"), equalTo("OperationOutcome"));
        if (input.code() != null) {
            assertThat(response.body(), outcome.getString("issue[0].code"), equalTo(input.code()));
            assertThat(outcome.getString("issue[0].diagnostics"), startsWith(input.text()));
        }
    }

    private static Case post(String name, String target, String body, int status, String code, String text) {
        return new Case(name, "POST", target, JSON, body.getBytes(StandardCharsets.UTF_8), status, code, text);
    }

    private static Case get(String name, String target, int status, String code, String text) {
        return new Case(name, "GET", target, null, null, status, code, text);
    }

    private static String observation(String element) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"Hb\"}," + element + "}";
    }

    private static String transaction(String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    private static String entry(String fullUrl, String resource) {
        String type = JsonPath.from(resource).getString("resourceType");
        return "{\"fullUrl\":\"" + fullUrl + "\",\"resource\":" + resource + ",\"request\":{\"method\":\"POST\",\"url\":\"" + type + "\"}}";
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] a = head.getBytes(StandardCharsets.UTF_8);
        byte[] c = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }
}
