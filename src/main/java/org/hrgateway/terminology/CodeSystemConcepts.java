package org.hrgateway.terminology;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

import java.util.List;
import java.util.Optional;

/**
 * Finds a code among the code systems the server holds: in the CodeSystem itself and in the
 * package's supplements of it (LOINC codes of the test item catalogue are found in its supplement).
 */
public final class CodeSystemConcepts {

    /** Where a code was found: the code system (may be a supplement only) and the concept. */
    public record Found(String system, CodeSystem codeSystem, ConceptDefinitionComponent concept) {
    }

    private CodeSystemConcepts() {
    }

    public static Optional<Found> find(List<CodeSystem> codeSystems, String system, String code) {
        for (CodeSystem codeSystem : codeSystems) {
            Optional<ConceptDefinitionComponent> concept = find(codeSystem.getConcept(), code,
                    codeSystem.getCaseSensitive() || !codeSystem.hasCaseSensitive());
            if (concept.isPresent()) {
                return Optional.of(new Found(system != null ? system : codeSystem.getUrl(), codeSystem, concept.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<ConceptDefinitionComponent> find(List<ConceptDefinitionComponent> concepts, String code,
                                                             boolean caseSensitive) {
        for (ConceptDefinitionComponent concept : concepts) {
            if (caseSensitive ? concept.getCode().equals(code) : concept.getCode().equalsIgnoreCase(code)) {
                return Optional.of(concept);
            }
            Optional<ConceptDefinitionComponent> child = find(concept.getConcept(), code, caseSensitive);
            if (child.isPresent()) {
                return child;
            }
        }
        return Optional.empty();
    }
}
