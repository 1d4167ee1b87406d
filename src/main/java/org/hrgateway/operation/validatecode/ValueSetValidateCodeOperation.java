package org.hrgateway.operation.validatecode;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hrgateway.operation.FhirOperation;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.security.Access;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.terminology.TerminologySource;
import org.hrgateway.terminology.ValueSetExpander;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.List;
import java.util.Optional;

/**
 * `ValueSet/$validate-code` (https://hl7.org/fhir/R4/valueset-operation-validate-code.html): is the
 * code in the value set's expansion; a display given must be the concept's display.
 */
@ApplicationScoped
public class ValueSetValidateCodeOperation implements FhirOperation {

    private final TerminologySource source;
    private final ValueSetExpander expander;

    public ValueSetValidateCodeOperation(TerminologySource source, ValueSetExpander expander) {
        this.source = source;
        this.expander = expander;
    }

    @Override
    public String definition() {
        return "http://hl7.org/fhir/OperationDefinition/ValueSet-validate-code";
    }

    @Override
    public void authorize(Caller caller, OperationInput input) {
        Access.require(caller, "ValueSet", Permission.READ);
    }

    @Override
    public Uni<Resource> invoke(OperationInput input) {
        List<Coding> codings = input.codings("system");
        return source.valueSet(input.id(), input.resource("valueSet").map(ValueSet.class::cast).orElse(null),
                input.string("url").orElse(null)).chain(valueSet -> expander.expand(valueSet).map(concepts -> {
            for (Coding coding : codings) {
                Optional<ValueSetExpander.Concept> found = concepts.stream()
                        .filter(c -> c.code().equals(coding.getCode())
                                && (coding.getSystem() == null || coding.getSystem().equals(c.system())))
                        .findFirst();
                if (found.isPresent()) {
                    return answer(found.get(), coding, valueSet.getUrl());
                }
            }
            Coding first = codings.get(0);
            return result(false, "The code " + (first.getSystem() == null ? "" : first.getSystem() + "|")
                    + first.getCode() + " is not in the value set " + valueSet.getUrl(), null);
        }));
    }

    private static Parameters answer(ValueSetExpander.Concept concept, Coding coding, String url) {
        if (coding.hasDisplay() && concept.display() != null && !concept.display().equals(coding.getDisplay())) {
            return result(false, "The display of " + concept.system() + "|" + concept.code() + " is '"
                    + concept.display() + "', not '" + coding.getDisplay() + "'", concept.display());
        }
        return result(true, null, concept.display());
    }

    static Parameters result(boolean valid, String message, String display) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("result").setValue(new BooleanType(valid));
        if (message != null) {
            parameters.addParameter().setName("message").setValue(new StringType(message));
        }
        if (display != null) {
            parameters.addParameter().setName("display").setValue(new StringType(display));
        }
        return parameters;
    }
}
