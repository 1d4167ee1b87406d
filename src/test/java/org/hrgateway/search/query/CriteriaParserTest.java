package org.hrgateway.search.query;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search parameters as the parser reads them, before any SQL: names, modifiers, chains, `_has`, limits. */
@QuarkusTest
class CriteriaParserTest {

    @Inject
    CriteriaParser parser;

    private static Map<String, List<String>> query(String... keysAndValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.computeIfAbsent(keysAndValues[i], k -> new java.util.ArrayList<>()).add(keysAndValues[i + 1]);
        }
        return params;
    }

    private static String refusal(Runnable parse) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, parse::run);
        return refused.getMessage();
    }

    @Test
    void givenCommasEscapedOrNot_whenSplit_thenOnlyUnescapedOnesSeparateAndEmptyPartsGo() {
        assertEquals(List.of("718-7", "2345-7"), CriteriaParser.splitOr("718-7,2345-7"));
        assertEquals(List.of("Zhang, Wei", "Li"), CriteriaParser.splitOr("Zhang\\, Wei,Li"));
        assertEquals(List.of("a"), CriteriaParser.splitOr(",a,,"));
        assertEquals(List.of(), CriteriaParser.splitOr(""));
    }

    @Test
    void givenAParameterWithAModifierAndOrValues_whenParsed_thenOneCriterionWithBoth() {
        Criterion code = parser.parse("Observation", query("code:not", "http://loinc.org|718-7,http://loinc.org|2345-7"))
                .get(0);
        assertEquals("code", code.name());
        assertEquals("not", code.modifier());
        assertEquals(List.of("http://loinc.org|718-7", "http://loinc.org|2345-7"), code.values());
        assertEquals("token", code.param().type().getCode());
    }

    @Test
    void givenAndedParameters_whenParsed_thenOneCriterionEach() {
        List<Criterion> criteria = parser.parse("Observation", query("date", "ge2026-01-01", "date", "lt2026-02-01",
                "_count", "10", "_sort", "-date"));
        assertEquals(2, criteria.size());
        assertTrue(criteria.stream().allMatch(criterion -> criterion.name().equals("date")));
    }

    @Test
    void givenAChain_whenParsed_thenItGoesThroughTheOnlyTargetHavingTheInnerParameter() {
        Criterion chained = parser.parse("Observation", query("subject.identifier", "http://x|1")).get(0);
        assertNotNull(chained.chain());
        assertEquals("Patient", chained.chain().targetType());
        assertEquals("identifier", chained.chain().inner().name());

        Criterion typed = parser.parse("Observation", query("subject:Patient.name", "Zhang")).get(0);
        assertEquals("Patient", typed.chain().targetType());
    }

    @Test
    void givenBadChains_whenParsed_then400SayingWhy() {
        assertTrue(refusal(() -> parser.parse("Observation", query("code.system", "x"))).contains("only reference parameters"));
        assertTrue(refusal(() -> parser.parse("Observation", query("subject:Medication.code", "x")))
                .contains("not a resource type this server serves"));
        assertTrue(refusal(() -> parser.parse("Observation", query("subject.no-such", "x"))).contains("no-such"));
        assertTrue(refusal(() -> parser.parse("Observation", query("_id.x", "1"))).contains("cannot be chained"));
    }

    @Test
    void givenHas_whenParsed_thenTheSourceTypeItsReferenceAndTheInnerParameter() {
        Criterion has = parser.parse("Patient", query("_has:Observation:subject:code", "http://loinc.org|718-7")).get(0);
        assertEquals("Observation", has.has().sourceType());
        assertEquals("subject", has.has().referenceParam());
        assertEquals("code", has.has().inner().name());
        assertTrue(refusal(() -> parser.parse("Patient", query("_has:Observation:subject", "x"))).contains("_has is written"));
        assertTrue(refusal(() -> parser.parse("Patient", query("_has:Observation:code:code", "x")))
                .contains("no reference parameter 'code'"));
    }

    @Test
    void givenUnknownOrEmptyParameters_whenStrict_then400_whenLenient_thenIgnored() {
        assertTrue(refusal(() -> parser.parse("Observation", query("colour", "red"))).contains("colour"));
        assertTrue(refusal(() -> parser.parse("Observation", query("code", ""))).contains("has no value"));

        CriteriaParser.Parsed lenient = parser.parse("Observation", query("colour", "red", "code", "", "status", "final"),
                false);
        assertEquals(1, lenient.criteria().size());
        assertEquals(List.of("colour"), lenient.ignored());
        assertEquals(Map.of("status", List.of("final")), lenient.used());
    }

    @Test
    void givenMoreValuesThanTheLimit_whenParsed_thenTooCostly() {
        String codes = String.join(",", java.util.Collections.nCopies(101, "http://loinc.org|718-7"));
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> parser.parse("Observation", query("code", codes)));
        assertEquals(OperationOutcome.IssueType.TOOCOSTLY,
                ((OperationOutcome) refused.getOperationOutcome()).getIssueFirstRep().getCode());
    }
}
