package org.hrgateway.terminology;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Type;
import org.hrgateway.operation.OperationErrors;
import org.hrgateway.operation.OperationInput;

import java.util.List;
import java.util.Optional;

/** The code(s) a terminology operation asks about: `code` (+`system`, `display`), `coding` or `codeableConcept`. */
final class CodeInput {

    private CodeInput() {
    }

    /** `systemParam` is `system` for $lookup and ValueSet/$validate-code, `url` for CodeSystem/$validate-code. */
    static List<Coding> codings(OperationInput input, String systemParam, String defaultSystem) {
        Optional<String> code = input.string("code");
        if (code.isPresent()) {
            String system = input.string(systemParam).orElse(defaultSystem);
            return List.of(new Coding(system, code.get(), input.string("display").orElse(null)));
        }
        Optional<Type> coding = input.value("coding");
        if (coding.isPresent() && coding.get() instanceof Coding given) {
            return List.of(given);
        }
        Optional<Type> concept = input.value("codeableConcept");
        if (concept.isPresent() && concept.get() instanceof CodeableConcept given && given.hasCoding()) {
            return given.getCoding();
        }
        throw OperationErrors.required("Give 'code' (with '" + systemParam + "'), 'coding' or 'codeableConcept'");
    }
}
