package org.hrgateway.operation.locator;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.federation.RecordLocator;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.operation.FhirOperation;
import org.hrgateway.operation.OperationErrors;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.security.Access;
import org.hrgateway.security.Caller;

/**
 * `POST [base]/$locator-rebuild` (OperationDefinition `locator-rebuild` in fhir-profiles/): queues
 * every resident id this city holds for the record locator again (ADR 0015).
 */
@ApplicationScoped
public class LocatorRebuildOperation implements FhirOperation {

    private final RecordLocator locator;

    public LocatorRebuildOperation(RecordLocator locator) {
        this.locator = locator;
    }

    @Override
    public String definition() {
        return "http://hr-gateway.org/fhir/OperationDefinition/locator-rebuild";
    }

    @Override
    public void authorize(Caller caller, OperationInput input) {
        Access.requireSystemAll(caller, "$locator-rebuild");
    }

    @Override
    public Uni<Resource> invoke(OperationInput input) {
        if (!locator.enabled()) {
            return Uni.createFrom().failure(OperationErrors.invalid("This gateway has no record locator:"
                    + " set hr.federation.locator.nats-url and hr.federation.locator.key-file"));
        }
        return locator.rebuild().map(count -> Outcomes.information("Queued " + count
                + " resident ids for the record locator; the relay publishes them to the province"));
    }
}
