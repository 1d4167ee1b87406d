package org.hrgateway.api.error;

import io.quarkus.test.junit.QuarkusTest;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.FHIR_XML;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;

/**
 * What a client gets when its request cannot be served: always an OperationOutcome with an issue code
 * that says why, in the format it asked for, and nothing stored by a refused write.
 */
@QuarkusTest
class ErrorResponsesTest {

    private static final String RESIDENT_ID = "http://hr-gateway.org/fhir/sid/resident-id";
    private static final String LIS_ID = "http://hospital.example.cn/lis";
    private static final int DEFAULT_MAX_DEPTH = 64;
    private static final int DEFAULT_MAX_ELEMENTS = 200_000;
    private static final int DEFAULT_MAX_BODY_BYTES = 10_485_760;

    // --- bodies that are not a FHIR resource --------------------------------------------------

    @Test
    void givenMalformedJson_whenCreate_then400StructureAndNothingStored() {
        String unique = Fixtures.unique();

        fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-malformed-truncated.json", unique))
                .when().post("/Patient")
                .then().statusCode(400)
                .contentType(startsWith(FHIR_JSON))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].code", equalTo("structure"))
                .body("issue[0].diagnostics", startsWith("Malformed JSON: "));

        assertNoPatientWithResidentId(unique);
    }

    @Test
    void givenControlCharacterInAString_whenCreate_then400StructureAndNothingStored() {
        String unique = Fixtures.unique();
        String body = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"http://hr-gateway.org/fhir/sid/resident-id\","
                + "\"value\":\"" + unique + "\"}],\"name\":[{\"family\":\"Zh\\u0000ang\"}]}";

        fhir().contentType(FHIR_JSON).body(body).when().post("/Patient")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("structure"))
                .body("issue[0].diagnostics", startsWith("A string holds the control character U+0000"));

        assertNoPatientWithResidentId(unique);
    }

    @Test
    void givenMalformedXml_whenCreate_then400StructureAndNothingStored() {
        String unique = Fixtures.unique();

        fhir().contentType(FHIR_XML).body(Fixtures.load("patient-malformed-unclosed.xml", unique))
                .when().post("/Patient")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("structure"))
                .body("issue[0].diagnostics", startsWith("Malformed XML: "));

        assertNoPatientWithResidentId(unique);
    }

    @Test
    void givenJsonArrayBody_whenCreate_then400StructureAndNothingStored() {
        String unique = Fixtures.unique();

        fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-as-array.json", unique))
                .when().post("/Patient")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("structure"))
                .body("issue[0].diagnostics", equalTo("A FHIR JSON body must be a JSON object"));

        assertNoPatientWithResidentId(unique);
    }

    @Test
    void givenUnknownJsonElement_whenCreate_then400StructureAndNothingStored() {
        String unique = Fixtures.unique();

        fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-unknown-element.json", unique))
                .when().post("/Patient")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("structure"))
                .body("issue[0].diagnostics", startsWith("The body is not a valid FHIR R4 resource: "))
                .body("issue[0].diagnostics", containsString("'foo'"));

        assertNoPatientWithResidentId(unique);
    }

    @Test
    void givenUnknownJsonElement_whenUpdate_then400StructureAndNothingStored() {
        String unique = Fixtures.unique();
        String id = "p-" + unique;
        String body = Fixtures.load("patient-unknown-element.json", unique)
                .replaceFirst("\\{", "{\"id\": \"" + id + "\",");

        fhir().contentType(FHIR_JSON).body(body)
                .when().put("/Patient/" + id)
                .then().statusCode(400)
                .body("issue[0].code", equalTo("structure"))
                .body("issue[0].diagnostics", containsString("'foo'"));

        fhir().when().get("/Patient/" + id).then().statusCode(404);
    }

    // --- hostile bodies -----------------------------------------------------------------------

    @Test
    void givenXmlWithExternalEntity_whenCreate_then400WithoutFileContentAndNothingStored() {
        String unique = Fixtures.unique();

        fhir().contentType(FHIR_XML).accept(FHIR_XML).body(Fixtures.load("patient-xxe.xml", unique))
                .when().post("/Patient")
                .then().statusCode(400)
                .body(not(containsString("root:")))
                .body("OperationOutcome.issue.code.@value", equalTo("structure"))
                .body("OperationOutcome.issue.diagnostics.@value",
                        equalTo("XML with a DOCTYPE is refused (no DTDs or external entities)"));

        assertNoPatientWithResidentId(unique);
    }

    @Test
    void givenJsonNestedDeeperThanLimit_whenCreate_then400TooCostlyAndNothingStored() {
        String unique = Fixtures.unique();
        // Each nested extension adds two levels (array and object) below the resource's own object.
        int levels = DEFAULT_MAX_DEPTH / 2 + 1;

        fhir().contentType(FHIR_JSON).body(patientWithNestedExtensions(unique, levels))
                .when().post("/Patient")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("too-costly"))
                .body("issue[0].diagnostics", equalTo("The body is nested deeper than " + DEFAULT_MAX_DEPTH + " levels"));

        assertNoPatientWithResidentId(unique);
    }

    @Test
    void givenJsonNestedJustWithinLimit_whenCreate_then201() {
        String unique = Fixtures.unique();
        int levels = (DEFAULT_MAX_DEPTH - 1) / 2;

        fhir().contentType(FHIR_JSON).body(patientWithNestedExtensions(unique, levels))
                .when().post("/Patient")
                .then().statusCode(201);
    }

    @Test
    void givenXmlNestedDeeperThanLimit_whenCreate_then400TooCostlyAndNothingStored() {
        String unique = Fixtures.unique();
        StringBuilder xml = new StringBuilder("<Patient xmlns=\"http://hl7.org/fhir\">")
                .append("<identifier><system value=\"").append(RESIDENT_ID).append("\"/>")
                .append("<value value=\"37010").append(unique).append("\"/></identifier>");
        int levels = DEFAULT_MAX_DEPTH + 1;
        xml.append("<extension url=\"http://example.org/nested\">".repeat(levels));
        xml.append("</extension>".repeat(levels));
        xml.append("</Patient>");

        fhir().contentType(FHIR_XML).body(xml.toString())
                .when().post("/Patient")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("too-costly"))
                .body("issue[0].diagnostics", equalTo("The body is nested deeper than " + DEFAULT_MAX_DEPTH + " levels"));

        assertNoPatientWithResidentId(unique);
    }

    @Test
    void givenMoreElementsThanLimit_whenCreate_then413TooCostlyAndNothingStored() {
        String unique = Fixtures.unique();
        String observation = Fixtures.load("observation-hemoglobin.json", unique);
        StringBuilder categories = new StringBuilder("\"category\": [");
        for (int i = 0; i < DEFAULT_MAX_ELEMENTS + 10_000; i++) {
            categories.append(i == 0 ? "" : ",").append("{\"text\":\"a\"}");
        }
        categories.append("],");
        String body = observation.replaceFirst("\"category\": \\[[^\\n]*\\n", categories.toString() + "\n");

        fhir().contentType(FHIR_JSON).body(body)
                .when().post("/Observation")
                .then().statusCode(413)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("too-costly"))
                .body("issue[0].diagnostics", equalTo("The body has more than " + DEFAULT_MAX_ELEMENTS + " elements"));

        fhir().queryParam("identifier", LIS_ID + "|hb-" + unique).when().delete("/Observation")
                .then().statusCode(404);
    }

    /** hr.limits.max-body-bytes (default 10 MiB) promises 413 for larger bodies. */
    @Test
    void givenBodyLargerThanMaxBodyBytes_whenCreate_then413TooCostlyAndNothingStored() {
        String unique = Fixtures.unique();
        String body = Fixtures.load("patient-resident.json", unique)
                .replace("\"family\": \"Zhang\"", "\"family\": \"" + "Z".repeat(DEFAULT_MAX_BODY_BYTES) + "\"");

        fhir().contentType(FHIR_JSON).body(body)
                .when().post("/Patient")
                .then().statusCode(413)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("too-costly"))
                .body("issue[0].diagnostics", containsString(String.valueOf(DEFAULT_MAX_BODY_BYTES)));

        assertNoPatientWithResidentId(unique);
    }

    // --- URL, media type and format -----------------------------------------------------------

    @Test
    void givenUnknownResourceType_whenCreate_then404NotSupported() {
        fhir().contentType(FHIR_JSON).body("{\"resourceType\": \"Foo\"}")
                .when().post("/Foo")
                .then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-supported"))
                .body("issue[0].diagnostics", equalTo("Unknown or unsupported resource type 'Foo'"));
    }

    @Test
    void givenUnknownResourceType_whenReadOrHistory_then404NotSupported() {
        fhir().when().get("/Foo/123")
                .then().statusCode(404)
                .body("issue[0].code", equalTo("not-supported"))
                .body("issue[0].diagnostics", equalTo("Unknown or unsupported resource type 'Foo'"));
        fhir().when().get("/Foo/_history")
                .then().statusCode(404)
                .body("issue[0].code", equalTo("not-supported"))
                .body("issue[0].diagnostics", equalTo("Unknown or unsupported resource type 'Foo'"));
    }

    @Test
    void givenTextPlainContentType_whenCreate_then415NotSupportedAndNothingStored() {
        String unique = Fixtures.unique();

        fhir().contentType("text/plain").body(Fixtures.load("patient-resident.json", unique))
                .when().post("/Patient")
                .then().statusCode(415)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-supported"))
                .body("issue[0].diagnostics", startsWith("Unsupported Content-Type 'text/plain"))
                .body("issue[0].diagnostics",
                        containsString("'; send application/fhir+json or application/fhir+xml"));

        assertNoPatientWithResidentId(unique);
    }

    @Test
    void givenAcceptTextPlainOnly_whenRead_then406NotSupported() {
        String id = created("Patient", Fixtures.load("patient-resident.json"));

        fhir().accept("text/plain").when().get("/Patient/" + id)
                .then().statusCode(406)
                .contentType(startsWith(FHIR_JSON))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-supported"))
                .body("issue[0].diagnostics", equalTo("None of the accepted media types [text/plain] is a FHIR format;"
                        + " use application/fhir+json or application/fhir+xml"));
    }

    @Test
    void givenAcceptTextPlainOnly_whenCreate_then406AndNothingStored() {
        String unique = Fixtures.unique();

        fhir().contentType(FHIR_JSON).accept("text/plain").body(Fixtures.load("patient-resident.json", unique))
                .when().post("/Patient")
                .then().statusCode(406)
                .body("issue[0].code", equalTo("not-supported"));

        assertNoPatientWithResidentId(unique);
    }

    @Test
    void givenBogusFormatParameter_whenRead_then406NotSupported() {
        String id = created("Patient", Fixtures.load("patient-resident.json"));

        fhir().queryParam("_format", "bogus").when().get("/Patient/" + id)
                .then().statusCode(406)
                .contentType(startsWith(FHIR_JSON))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-supported"))
                .body("issue[0].diagnostics", equalTo("Unsupported _format: bogus"));
    }

    @Test
    void givenFormatXml_whenReadUnknownId_then404OperationOutcomeInXml() {
        String id = "never-" + Fixtures.unique();

        fhir().queryParam("_format", "xml").when().get("/Patient/" + id)
                .then().statusCode(404)
                .contentType(startsWith(FHIR_XML))
                .body("OperationOutcome.issue.code.@value", equalTo("not-found"))
                .body("OperationOutcome.issue.diagnostics.@value", equalTo("Patient/" + id + " is not known"));
    }

    @Test
    void givenFormatXml_whenCreateMalformedJson_then400OperationOutcomeInXml() {
        String unique = Fixtures.unique();

        fhir().queryParam("_format", "xml").contentType(FHIR_JSON)
                .body(Fixtures.load("patient-malformed-truncated.json", unique))
                .when().post("/Patient")
                .then().statusCode(400)
                .contentType(startsWith(FHIR_XML))
                .body("OperationOutcome.issue.code.@value", equalTo("structure"))
                .body("OperationOutcome.issue.diagnostics.@value", startsWith("Malformed JSON: "));

        assertNoPatientWithResidentId(unique);
    }

    @Test
    void givenAcceptXml_whenUnknownType_then404OperationOutcomeInXml() {
        fhir().accept(FHIR_XML).when().get("/Foo/123")
                .then().statusCode(404)
                .contentType(startsWith(FHIR_XML))
                .body("OperationOutcome.issue.code.@value", equalTo("not-supported"))
                .body("OperationOutcome.issue.diagnostics.@value", equalTo("Unknown or unsupported resource type 'Foo'"));
    }

    // --- helpers ------------------------------------------------------------------------------

    /** A conditional delete on the identifier answers 404 exactly when no such Patient was stored. */
    private static void assertNoPatientWithResidentId(String unique) {
        fhir().queryParam("identifier", RESIDENT_ID + "|37010" + unique).when().delete("/Patient")
                .then().statusCode(404)
                .body("issue[0].code", equalTo("not-found"));
    }

    private static String patientWithNestedExtensions(String unique, int levels) {
        StringBuilder json = new StringBuilder("{\"resourceType\": \"Patient\", \"identifier\": [{\"system\": \"")
                .append(RESIDENT_ID).append("\", \"value\": \"37010").append(unique).append("\"}]");
        for (int i = 0; i < levels; i++) {
            json.append(", \"extension\": [{\"url\": \"http://example.org/nested-").append(i).append('"');
        }
        json.append(", \"valueString\": \"leaf\"");
        json.append("}]".repeat(levels));
        return json.append('}').toString();
    }
}
