package org.hrgateway.operation;

import io.smallrye.mutiny.Uni;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.security.Caller;

/**
 * A FHIR operation (`$name`). Its published OperationDefinition says everything else: the name, the
 * levels and resource types it is called on, whether it changes state, and its parameters; the
 * registry ({@link Operations}) routes by it and checks every call against it before `invoke`.
 * The answer is a resource (an OperationOutcome, Parameters or the single `return` resource) with
 * 200, or a FHIR exception that the error mapper turns into an OperationOutcome.
 */
public interface FhirOperation {

    /** The canonical URL of its OperationDefinition: in fhir-profiles/ or one of R4's own. */
    String definition();

    /**
     * Throws 403 (security/Access) unless the caller may make this call; the registry asks before
     * anything else, so an operation never runs for a caller it would refuse.
     */
    void authorize(Caller caller, OperationInput input);

    /** Runs a call whose parameters already match the definition's names, counts and types. */
    Uni<Resource> invoke(OperationInput input);
}
