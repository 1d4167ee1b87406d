package org.hrgateway.terminology;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import org.hl7.fhir.r4.model.ValueSet;
import org.hrgateway.operation.OperationErrors;
import org.hrgateway.operation.OperationInput;

/** The ValueSet an operation is about: the instance, the `url` parameter, or a `valueSet` in the body. */
final class TargetValueSet {

    private TargetValueSet() {
    }

    static Uni<ValueSet> of(OperationInput input, TerminologySource source) {
        if (input.id() != null) {
            return source.valueSetById(input.id());
        }
        var inline = input.resource("valueSet");
        if (inline.isPresent() && inline.get() instanceof ValueSet valueSet) {
            return Uni.createFrom().item(valueSet);
        }
        String url = input.string("url").orElseThrow(() -> OperationErrors.required(
                "Name the ValueSet: call ValueSet/[id]/$" + "expand, or give 'url' (or a 'valueSet' in a Parameters body)"));
        return source.valueSet(url).map(found -> found.orElseThrow(
                () -> new ResourceNotFoundException("No ValueSet with url " + url + " is held by this server")));
    }
}
