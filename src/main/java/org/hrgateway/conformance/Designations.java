package org.hrgateway.conformance;

import org.hl7.fhir.r4.model.CodeSystem;

import java.util.Optional;

/** Names of the package's concepts in a language: their designation in it, else their display. */
public final class Designations {

    private Designations() {
    }

    /** `concept`'s name in `language` (`zh`, `en`). */
    public static String display(CodeSystem.ConceptDefinitionComponent concept, String language) {
        return concept.getDesignation().stream()
                .filter(designation -> designation.hasLanguage() && designation.getLanguage().startsWith(language))
                .map(CodeSystem.ConceptDefinitionDesignationComponent::getValue).findFirst()
                .orElse(concept.getDisplay());
    }

    /** The name in `language` of `code` in `codeSystem`, if it has such a code. */
    public static Optional<String> display(CodeSystem codeSystem, String code, String language) {
        return codeSystem.getConcept().stream().filter(concept -> concept.getCode().equals(code)).findFirst()
                .map(concept -> display(concept, language));
    }
}
