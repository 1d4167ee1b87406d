package org.hrgateway.operation;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.Outcomes;

import java.util.List;

/** Finds the operation a `$name` URL asks for among the operation beans, and runs it. */
@ApplicationScoped
public class Operations {

    private final List<FhirOperation> operations;

    public Operations(Instance<FhirOperation> operations) {
        this.operations = operations.stream().toList();
    }

    public List<FhirOperation> all() {
        return operations;
    }

    /** `operation` as it came in the path: `$validate` or `%24validate`. */
    public Uni<Resource> invoke(String operation, OperationInput input) {
        String name = operation.startsWith("%24") ? operation.substring(3) : operation.substring(1);
        boolean instance = input.id() != null;
        return operations.stream()
                .filter(candidate -> candidate.name().equals(name) && candidate.answers(input.type(), instance))
                .findFirst()
                .map(found -> found.invoke(input))
                .orElseGet(() -> {
                    String message = "Operation $" + name + " is not supported on " + input.type()
                            + (instance ? " instances" : "");
                    return Uni.createFrom().failure(
                            new InvalidRequestException(message, Outcomes.error(IssueType.NOTSUPPORTED, message)));
                });
    }
}
