package org.hrgateway.operation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.security.Caller;
import org.hrgateway.telemetry.RequestTelemetry;

import java.util.Comparator;
import java.util.List;

/**
 * The operation registry: each operation bean with its OperationDefinition. It routes a `$name`
 * call by the definition's code, levels and resource types, refuses GET for an operation that
 * changes state, and checks the parameters against the definition ({@link OperationSignature})
 * before the operation sees them.
 */
@ApplicationScoped
public class Operations {

    /** An operation as its definition declares it. */
    public record Declared(FhirOperation operation, OperationDefinition definition, OperationSignature signature) {

        public String name() {
            return definition.getCode();
        }

        public String url() {
            return definition.getUrl();
        }

        /** Whether `[base]/$name` (type null), `[type]/$name` or `[type]/[id]/$name` is answered. */
        public boolean answers(String type, boolean instance) {
            if (type == null) {
                return definition.getSystem();
            }
            boolean level = instance ? definition.getInstance() : definition.getType();
            return level && definition.getResource().stream().map(CodeType::getCode)
                    .anyMatch(resource -> resource.equals(type) || resource.equals("Resource"));
        }
    }

    private final List<Declared> operations;

    public Operations(Instance<FhirOperation> operations, OperationDefinitions definitions, FhirContext context) {
        this.operations = operations.stream()
                .map(operation -> {
                    OperationDefinition definition = definitions.byUrl(operation.definition())
                            .orElseThrow(() -> new IllegalStateException(operation.getClass().getSimpleName()
                                    + " names the OperationDefinition " + operation.definition()
                                    + ", which neither the profile package nor R4 defines"));
                    return new Declared(operation, definition, new OperationSignature(definition, context));
                })
                .sorted(Comparator.comparing(Declared::name).thenComparing(Declared::url))
                .toList();
    }

    public List<Declared> all() {
        return operations;
    }

    /**
     * `operation` as it came in the path: `$validate` or `%24validate`; `get` when the call is a GET,
     * which FHIR allows only for operations that do not change state.
     */
    public Uni<Resource> invoke(String operation, boolean get, OperationInput input, Caller caller) {
        String name = operation.startsWith("%24") ? operation.substring(3) : operation.substring(1);
        boolean instance = input.id() != null;
        Declared found = operations.stream()
                .filter(candidate -> candidate.name().equals(name) && candidate.answers(input.type(), instance))
                .findFirst()
                .orElse(null);
        if (found == null) {
            String message = "Operation $" + name + " is not supported "
                    + (input.type() == null ? "at the system level" : "on " + input.type() + (instance ? " instances" : ""));
            return Uni.createFrom().failure(
                    new InvalidRequestException(message, Outcomes.error(IssueType.NOTSUPPORTED, message)));
        }
        RequestTelemetry.current().ifPresent(request -> request.operation(name));
        if (get && found.definition().getAffectsState()) {
            String message = "$" + name + " changes state: call it with POST";
            return Uni.createFrom().failure(
                    new MethodNotAllowedException(message, Outcomes.error(IssueType.NOTSUPPORTED, message)));
        }
        try {
            found.operation().authorize(caller, input);
            found.signature().check(input);
        } catch (RuntimeException invalid) {
            return Uni.createFrom().failure(invalid);
        }
        return found.operation().invoke(input.by(caller));
    }
}
