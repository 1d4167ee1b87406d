package org.hrgateway.terminology;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hrgateway.operation.OperationErrors;
import org.hrgateway.operation.OperationInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a code among the code systems the server holds: in the CodeSystem itself and in the
 * package's supplements of it (LOINC codes of the test item catalogue are found in its supplement).
 */
final class CodeSystemConcepts {

    /** Where a code was found: the code system (may be a supplement only) and the concept. */
    record Found(String system, CodeSystem codeSystem, ConceptDefinitionComponent concept) {
    }

    private CodeSystemConcepts() {
    }

    /** The code systems to search for `system` (instance, or held by url, plus supplements); never empty. */
    static Uni<List<CodeSystem>> resolve(OperationInput input, String system, TerminologySource source) {
        if (input.id() != null) {
            return source.codeSystemById(input.id()).map(List::of);
        }
        if (system == null) {
            throw OperationErrors.required("Name the code system: 'system' (or 'url'), a coding with a system, or CodeSystem/[id]");
        }
        return source.codeSystem(system).map(held -> {
            List<CodeSystem> searched = new ArrayList<>();
            held.ifPresent(searched::add);
            searched.addAll(source.supplementsOf(system));
            if (searched.isEmpty()) {
                throw new ResourceNotFoundException("The code system " + system + " is not held by this server");
            }
            return searched;
        });
    }

    static Optional<Found> find(List<CodeSystem> codeSystems, String system, String code) {
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
