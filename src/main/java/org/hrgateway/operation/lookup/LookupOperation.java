package org.hrgateway.operation.lookup;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hrgateway.operation.FhirOperation;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.security.Access;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.terminology.CodeSystemConcepts;
import org.hrgateway.terminology.TerminologySource;

import java.util.List;

/**
 * `CodeSystem/$lookup` (https://hl7.org/fhir/R4/codesystem-operation-lookup.html): name, display,
 * designations and properties of a code; for a catalogue item, its `category` and `validity-days`.
 * `property` parameters narrow the properties returned.
 */
@ApplicationScoped
public class LookupOperation implements FhirOperation {

    private final TerminologySource source;

    public LookupOperation(TerminologySource source) {
        this.source = source;
    }

    @Override
    public String definition() {
        return "http://hl7.org/fhir/OperationDefinition/CodeSystem-lookup";
    }

    @Override
    public void authorize(Caller caller, OperationInput input) {
        Access.require(caller, "CodeSystem", Permission.READ);
    }

    @Override
    public Uni<Resource> invoke(OperationInput input) {
        Coding coding = input.codings("system").get(0);
        List<String> wanted = input.strings("property");
        return source.codeSystems(input.id(), coding.getSystem()).map(codeSystems -> {
            CodeSystemConcepts.Found found = CodeSystemConcepts.find(codeSystems, coding.getSystem(), coding.getCode())
                    .orElseThrow(() -> new ResourceNotFoundException("The code " + coding.getCode() + " is not in "
                            + (coding.getSystem() != null ? coding.getSystem() : codeSystems.get(0).getUrl())));
            Parameters result = new Parameters();
            String name = found.codeSystem().hasSupplements() ? found.system() : found.codeSystem().getName();
            result.addParameter().setName("name").setValue(new StringType(name));
            if (found.codeSystem().hasVersion() && !found.codeSystem().hasSupplements()) {
                result.addParameter().setName("version").setValue(new StringType(found.codeSystem().getVersion()));
            }
            if (found.concept().hasDisplay()) {
                result.addParameter().setName("display").setValue(new StringType(found.concept().getDisplay()));
            }
            found.concept().getDesignation().forEach(designation -> {
                ParametersParameterComponent part = result.addParameter().setName("designation");
                if (designation.hasLanguage()) {
                    part.addPart().setName("language").setValue(new CodeType(designation.getLanguage()));
                }
                part.addPart().setName("value").setValue(new StringType(designation.getValue()));
            });
            found.concept().getProperty().stream()
                    .filter(property -> wanted.isEmpty() || wanted.contains(property.getCode()))
                    .forEach(property -> {
                        ParametersParameterComponent part = result.addParameter().setName("property");
                        part.addPart().setName("code").setValue(new CodeType(property.getCode()));
                        part.addPart().setName("value").setValue(property.getValue());
                    });
            return result;
        });
    }
}
