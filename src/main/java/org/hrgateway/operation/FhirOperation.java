package org.hrgateway.operation;

import io.smallrye.mutiny.Uni;
import org.hl7.fhir.r4.model.Resource;

/**
 * A FHIR operation (`$name`) at type or instance level. The router finds it by name and resource
 * type; it answers a resource (an OperationOutcome or Parameters) with 200, or fails with a FHIR
 * exception that the error mapper turns into an OperationOutcome.
 */
public interface FhirOperation {

    /** The name without the `$`, e.g. `validate`. */
    String name();

    /** The canonical URL of its OperationDefinition, listed in the CapabilityStatement. */
    String definition();

    /** Whether `[base]/[type]/$name` (id null) or `[base]/[type]/[id]/$name` is answered for `type`. */
    boolean answers(String type, boolean instance);

    Uni<Resource> invoke(OperationInput input);
}
