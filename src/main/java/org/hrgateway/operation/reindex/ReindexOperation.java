package org.hrgateway.operation.reindex;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.operation.FhirOperation;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.security.Access;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.search.index.Reindexer;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * `POST [base]/$reindex[?type=Observation]` (OperationDefinition `reindex` in fhir-profiles/):
 * rebuilds the search index of stored resources after a SearchParameter changed, on a running
 * gateway (the `reindex` command does the same offline).
 */
@ApplicationScoped
public class ReindexOperation implements FhirOperation {

    private final Reindexer reindexer;
    private final ResourceTypes types;

    public ReindexOperation(Reindexer reindexer, ResourceTypes types) {
        this.reindexer = reindexer;
        this.types = types;
    }

    @Override
    public String definition() {
        return "http://hr-gateway.org/fhir/OperationDefinition/reindex";
    }

    @Override
    public void authorize(Caller caller, OperationInput input) {
        Access.requireSystemAll(caller, "$reindex");
    }

    @Override
    public Uni<Resource> invoke(OperationInput input) {
        Set<String> selected = new LinkedHashSet<>();
        input.strings("type").forEach(name -> selected.add(types.require(name)));
        return reindexer.reindex(selected)
                .map(count -> Outcomes.information("Reindexed " + count + " resources"
                        + (selected.isEmpty() ? "" : " of " + selected)));
    }
}
