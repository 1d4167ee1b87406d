package org.hrgateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outline written at build time answers what FHIRPath asks; the rest comes from HAPI in full. */
class CoreTypeDefinitionsTest {

    private final CoreTypeDefinitions definitions = new CoreTypeDefinitions(FhirContext.forR4Cached());

    @Test
    void givenTheBuildOutline_whenAllDefinitionsAsked_thenEveryBaseTypeWithoutElements() {
        List<StructureDefinition> all = definitions.fetchAllStructureDefinitions();

        List<String> names = all.stream().map(StructureDefinition::getName).toList();
        assertTrue(names.containsAll(List.of("Observation", "DiagnosticReport", "Quantity", "dateTime", "Element", "Resource")),
                "base types missing: " + names);
        assertTrue(all.stream().allMatch(d -> !d.hasSnapshot() && !d.hasDifferential()), "an outline has no elements");
        assertFalse(names.contains("SimpleQuantity"), "profiles of types are not base types");
    }

    @Test
    void givenFhirPathTypeName_whenFetched_thenFoundWhateverTheCase() {
        StructureDefinition dateTime = (StructureDefinition) definitions.fetchStructureDefinition(
                "http://hl7.org/fhir/StructureDefinition/DateTime");

        assertEquals("http://hl7.org/fhir/StructureDefinition/dateTime", dateTime.getUrl());
    }

    @Test
    void givenBareNameOrVersionedUrl_whenFetched_thenTheSameOutline() {
        Object canonical = definitions.fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/Observation");

        assertEquals(canonical, definitions.fetchStructureDefinition("Observation"));
        assertEquals(canonical, definitions.fetchStructureDefinition("StructureDefinition/Observation"));
        assertEquals(canonical, definitions.fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/Observation|4.0.1"));
        assertNull(definitions.fetchStructureDefinition(null));
    }

    @Test
    void givenDefinitionOutsideTheOutline_whenFetched_thenHapisFullDefinition() {
        StructureDefinition simpleQuantity = (StructureDefinition) definitions.fetchStructureDefinition(
                "http://hl7.org/fhir/StructureDefinition/SimpleQuantity");

        assertTrue(simpleQuantity.hasSnapshot());
        assertNull(definitions.fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/NoSuchType"));
    }
}
