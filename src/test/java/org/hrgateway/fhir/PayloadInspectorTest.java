package org.hrgateway.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a body must be before HAPI's parser sees it: each refusal with its status, issue code and reason. */
class PayloadInspectorTest {

    private final PayloadInspector inspector = new PayloadInspector(2_000, 8, 50);

    private void refusedJson(String body, int status, String code, String mentioning) {
        refused(body, FhirFormat.JSON, status, code, mentioning);
    }

    private void refused(String body, FhirFormat format, int status, String code, String mentioning) {
        BaseServerResponseException refused = assertThrows(BaseServerResponseException.class,
                () -> inspector.inspect(body, format), body);
        assertEquals(status, refused.getStatusCode(), refused.getMessage());
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        assertEquals(code, outcome.getIssueFirstRep().getCode().toCode(), refused.getMessage());
        assertTrue(refused.getMessage().contains(mentioning), refused.getMessage());
    }

    @Test
    void givenAnOrdinaryResult_whenInspected_thenAccepted() {
        assertDoesNotThrow(() -> inspector.inspect("""
                {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"718-7"}]},
                 "valueQuantity":{"value":13.2e0,"unit":"g/dL"},"note":[{"text":"tab\\tand newline\\n"}],
                 "_status":{"extension":[{"url":"http://example.org","valueString":"x"}]}, "component":null}
                """.replace(", \"component\":null", ""), FhirFormat.JSON));
    }

    @Test
    void givenNoBody_whenInspected_thenStructure400() {
        refusedJson("  ", 400, "structure", "empty");
    }

    @Test
    void givenJsonThatIsNoObject_whenInspected_thenStructure400() {
        refusedJson("[{\"resourceType\":\"Patient\"}]", 400, "structure", "JSON object");
    }

    @Test
    void givenEmptyArraysObjectsAndNulls_whenInspected_thenEachRefusedWithWhere() {
        refusedJson("{\"resourceType\":\"Patient\",\"name\":[]}", 400, "structure", "empty array");
        refusedJson("{\"resourceType\":\"Patient\",\"meta\":{}}", 400, "structure", "empty object");
        refusedJson("{\"resourceType\":\"Patient\",\"gender\":null}", 400, "structure", "A null");
        assertDoesNotThrow(() -> inspector.inspect("{\"resourceType\":\"Patient\",\"name\":[{\"given\":[\"A\",null]}],"
                + "\"_name\":[null]}".replace(",\"_name\":[null]", ""), FhirFormat.JSON));
    }

    @Test
    void givenANumberNoLaboratoryWrites_whenInspected_thenRefusedBeforeConversion() {
        refusedJson("{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":1e1000000}}", 400, "structure",
                "1e1000000");
        refusedJson("{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":" + "9".repeat(80) + "}}", 400,
                "structure", "999");
    }

    @Test
    void givenDuplicateKeys_whenInspected_thenStructure400() {
        refusedJson("{\"resourceType\":\"Patient\",\"gender\":\"male\",\"gender\":\"female\"}", 400, "structure", "gender");
    }

    @Test
    void givenControlCharactersOrLoneSurrogates_whenInspected_thenRefusedNamingTheCharacter() {
        refusedJson("{\"resourceType\":\"Patient\",\"id\":\"a\\u0007b\"}", 400, "structure", "U+0007");
        refusedJson("{\"resourceType\":\"Patient\",\"id\":\"a\\ud800b\"}", 400, "structure", "U+D800");
    }

    @Test
    void givenDeepOrLargeBodies_whenInspected_thenTooCostly() {
        refusedJson("{\"a\":".repeat(12) + "1" + "}".repeat(12), 400, "too-costly", "deeper than 8");
        StringBuilder many = new StringBuilder("{\"resourceType\":\"Patient\",\"x\":[");
        for (int i = 0; i < 60; i++) {
            many.append(i == 0 ? "" : ",").append(i);
        }
        refusedJson(many.append("]}").toString(), 413, "too-costly", "more than 50 elements");
        refusedJson("{\"resourceType\":\"Patient\",\"id\":\"" + "x".repeat(2_100) + "\"}", 413, "too-costly",
                "larger than 2000 bytes");
    }

    @Test
    void givenXmlWithADoctypeOrOutsideTheFhirNamespace_whenInspected_thenRefused() {
        refused("<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x \"y\">]><Patient xmlns=\"http://hl7.org/fhir\"/>",
                FhirFormat.XML, 400, "structure", "DOCTYPE");
        refused("<Patient xmlns=\"urn:other\"/>", FhirFormat.XML, 400, "structure", "FHIR namespace");
        refused("<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"1\">", FhirFormat.XML, 400, "structure",
                "Malformed XML");
        assertDoesNotThrow(() -> inspector.inspect("<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"1\"/></Patient>",
                FhirFormat.XML));
    }
}
