package org.hrgateway.interaction.bundle;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The references of a transaction entry: found once, the conditional ones named, the resolved ones rewritten. */
class ReferenceRewriterTest {

    private final ReferenceRewriter rewriter = new ReferenceRewriter(FhirContext.forR4Cached());

    private static DiagnosticReport report() {
        DiagnosticReport report = new DiagnosticReport();
        report.setSubject(new Reference("Patient?identifier=http://hr-gateway.org/fhir/sid/resident-id|370102"));
        report.addPerformer(new Reference("urn:uuid:3f1c0e1a-0000-4000-8000-000000000001"));
        report.addResult(new Reference("Observation/o1"));
        report.addResult(new Reference().setDisplay("a result named only"));
        return report;
    }

    @Test
    void givenAReport_whenItsReferencesAreFound_thenEveryPopulatedOneInDocumentOrder() {
        List<String> found = rewriter.references(report()).stream().map(Reference::getReference).toList();
        assertEquals(4, found.size());
        assertEquals(Set.of("Patient?identifier=http://hr-gateway.org/fhir/sid/resident-id|370102",
                "urn:uuid:3f1c0e1a-0000-4000-8000-000000000001", "Observation/o1"), Set.copyOf(found.stream()
                .filter(java.util.Objects::nonNull).toList()));
    }

    @Test
    void givenReferences_whenConditionalOnesAreAsked_thenOnlyTypeQueryForms() {
        DiagnosticReport report = report();
        report.addResult(new Reference("?identifier=x")); // no type before the '?': not a conditional reference
        assertEquals(Set.of("Patient?identifier=http://hr-gateway.org/fhir/sid/resident-id|370102"),
                rewriter.conditionalReferences(rewriter.references(report)));
    }

    @Test
    void givenResolvedTargets_whenRewritten_thenOnlyThoseChangeAndOthersStay() {
        DiagnosticReport report = report();
        List<Reference> references = rewriter.references(report);
        rewriter.rewrite(references, Map.of(
                "Patient?identifier=http://hr-gateway.org/fhir/sid/resident-id|370102", "Patient/p7",
                "urn:uuid:3f1c0e1a-0000-4000-8000-000000000001", "Organization/lab1"));

        assertEquals("Patient/p7", report.getSubject().getReference());
        assertEquals("Organization/lab1", report.getPerformerFirstRep().getReference());
        assertEquals("Observation/o1", report.getResult().get(0).getReference());
        assertEquals(null, report.getResult().get(1).getReference());
    }

    @Test
    void givenAContainedResource_whenReferencesAreFound_thenItsReferencesCountToo() {
        Observation contained = new Observation();
        contained.setId("obs");
        contained.setSubject(new Reference("Patient/p1"));
        DiagnosticReport report = new DiagnosticReport();
        report.addContained(contained);
        report.addResult(new Reference("#obs"));

        List<String> found = rewriter.references(report).stream().map(Reference::getReference).toList();
        assertEquals(Set.of("Patient/p1", "#obs"), Set.copyOf(found));
    }
}
