package org.hrgateway.operation.validatecode;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.operation.FhirOperation;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.security.Access;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.terminology.CodeSystemConcepts;
import org.hrgateway.terminology.TerminologySource;

/**
 * `CodeSystem/$validate-code` (https://hl7.org/fhir/R4/codesystem-operation-validate-code.html): is
 * the code defined by the code system (`url`, or the instance); a display given must match. For a
 * system the server holds only supplements of (LOINC), only the supplemented codes are known.
 */
@ApplicationScoped
public class CodeSystemValidateCodeOperation implements FhirOperation {

    private final TerminologySource source;

    public CodeSystemValidateCodeOperation(TerminologySource source) {
        this.source = source;
    }

    @Override
    public String definition() {
        return "http://hl7.org/fhir/OperationDefinition/CodeSystem-validate-code";
    }

    @Override
    public void authorize(Caller caller, OperationInput input) {
        Access.require(caller, "CodeSystem", Permission.READ);
    }

    @Override
    public Uni<Resource> invoke(OperationInput input) {
        Coding coding = input.codings("url").get(0);
        return source.codeSystems(input.id(), coding.getSystem()).map(codeSystems ->
                CodeSystemConcepts.find(codeSystems, coding.getSystem(), coding.getCode())
                        .map(found -> {
                            String display = found.concept().getDisplay();
                            if (coding.hasDisplay() && display != null && !display.equals(coding.getDisplay())) {
                                return ValueSetValidateCodeOperation.result(false, "The display of " + coding.getCode()
                                        + " is '" + display + "', not '" + coding.getDisplay() + "'", display);
                            }
                            return ValueSetValidateCodeOperation.result(true, null, display);
                        })
                        .orElseGet(() -> ValueSetValidateCodeOperation.result(false, "The code " + coding.getCode()
                                + " is not in " + (coding.getSystem() != null ? coding.getSystem()
                                : codeSystems.get(0).getUrl()), null)));
    }
}
