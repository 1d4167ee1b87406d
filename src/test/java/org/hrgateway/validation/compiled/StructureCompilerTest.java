package org.hrgateway.validation.compiled;

import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the compiler declines, so that HAPI's validator judges instead of a rule being skipped. */
class StructureCompilerTest {

    @Test
    void givenPlainProfile_whenCompiled_thenRulesByElement() {
        CompiledStructure compiled = StructureCompiler.compile(profile(issued -> issued.setMin(1)));

        ElementRule issued = compiled.root().children.get("issued");
        assertEquals(1, issued.min);
        assertNull(issued.unmodelled);
    }

    @Test
    void givenMaxLengthOrValueLimits_whenCompiled_thenTheElementIsLeftToHapi() {
        assertEquals("maxLength", StructureCompiler.compile(profile(issued -> issued.setMaxLength(10)))
                .root().children.get("issued").unmodelled);
        assertEquals("minValue/maxValue", StructureCompiler.compile(profile(issued -> issued.setMinValue(new IntegerType(1))))
                .root().children.get("issued").unmodelled);
    }

    @Test
    void givenOrderedSlicing_whenCompiled_thenTheElementIsLeftToHapi() {
        CompiledStructure compiled = StructureCompiler.compile(profile(issued -> issued.getSlicing()
                .setOrdered(true).setRules(ElementDefinition.SlicingRules.OPEN).addDiscriminator()
                .setType(ElementDefinition.DiscriminatorType.VALUE).setPath("url")));

        assertEquals("ordered slicing", compiled.root().children.get("issued").unmodelled);
    }

    @Test
    void givenSlicingByType_whenCompiled_thenTheWholeProfileIsLeftToHapi() {
        OutsideFastPath declined = assertThrows(OutsideFastPath.class, () -> StructureCompiler.compile(profile(issued ->
                issued.getSlicing().setRules(ElementDefinition.SlicingRules.OPEN).addDiscriminator()
                        .setType(ElementDefinition.DiscriminatorType.TYPE).setPath("$this"))));

        assertTrue(declined.getMessage().contains("slicing"), declined.getMessage());
    }

    @Test
    void givenContextInvariantOrNoSnapshot_whenCompiled_thenLeftToHapi() {
        StructureDefinition withInvariant = profile(issued -> { });
        withInvariant.addContextInvariant("%extension.value.exists()");
        assertThrows(OutsideFastPath.class, () -> StructureCompiler.compile(withInvariant));

        StructureDefinition withoutSnapshot = profile(issued -> { });
        withoutSnapshot.setSnapshot(null);
        assertThrows(OutsideFastPath.class, () -> StructureCompiler.compile(withoutSnapshot));
    }

    /** A two-element Observation snapshot; `issued` shaped by the test. */
    private static StructureDefinition profile(Consumer<ElementDefinition> issued) {
        StructureDefinition definition = new StructureDefinition();
        definition.setUrl("http://example.org/StructureDefinition/test").setType("Observation");
        definition.getSnapshot().addElement().setPath("Observation").setMin(0).setMax("*").setId("Observation");
        ElementDefinition element = definition.getSnapshot().addElement().setPath("Observation.issued").setMin(0).setMax("1");
        element.setId("Observation.issued");
        element.addType().setCode("instant");
        issued.accept(element);
        return definition;
    }
}
