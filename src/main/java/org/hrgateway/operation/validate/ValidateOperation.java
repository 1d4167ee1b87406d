package org.hrgateway.operation.validate;

import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.operation.FhirOperation;
import org.hrgateway.operation.OperationErrors;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.security.Access;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.store.ResourceStore;
import org.hrgateway.validation.Finding;
import org.hrgateway.validation.Findings;
import org.hrgateway.validation.ProfileEnforcement;
import org.hrgateway.validation.ProfileValidator;
import org.hrgateway.search.ReferentialIntegrity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * `$validate` (https://hl7.org/fhir/R4/resource-operation-validate.html) at type and instance level:
 * the resource in the body (bare or as the `resource` parameter) or, at instance level without a
 * body, the stored one; `mode` create | update | delete; `profile` to validate against besides the
 * package profiles the resource claims. Always answers an OperationOutcome with 200: the findings
 * are the answer, not a failure of the call.
 */
@ApplicationScoped
public class ValidateOperation implements FhirOperation {

    private static final Set<String> MODES = Set.of("create", "update", "delete");
    private static final String CORE_PROFILES = "http://hl7.org/fhir/StructureDefinition/";

    private final ProfileValidator validator;
    private final ProfileEnforcement enforcement;
    private final ProfilePackage profiles;
    private final BlockingWork blocking;
    private final ResourceStore store;
    private final ResourceCodec codec;
    private final ReferentialIntegrity integrity;
    private final Mutiny.SessionFactory sessions;

    public ValidateOperation(ProfileValidator validator, ProfileEnforcement enforcement, ProfilePackage profiles,
                             BlockingWork blocking, ResourceStore store, ResourceCodec codec,
                             ReferentialIntegrity integrity, Mutiny.SessionFactory sessions) {
        this.validator = validator;
        this.enforcement = enforcement;
        this.profiles = profiles;
        this.blocking = blocking;
        this.store = store;
        this.codec = codec;
        this.integrity = integrity;
        this.sessions = sessions;
    }

    @Override
    public String definition() {
        return "http://hl7.org/fhir/OperationDefinition/Resource-validate";
    }

    /** Validating a given resource reads nothing; validating a stored one reads it. */
    @Override
    public void authorize(Caller caller, OperationInput input) {
        if (input.id() != null) {
            Access.require(caller, input.type(), Permission.READ);
        }
    }

    @Override
    public Uni<Resource> invoke(OperationInput input) {
        String mode = input.string("mode").orElse(null);
        if (mode != null && !MODES.contains(mode)) {
            throw OperationErrors.invalid("mode must be one of create, update or delete, not '" + mode + "'");
        }
        if ("delete".equals(mode)) {
            return checkDelete(input);
        }
        String profile = input.string("profile").orElse(null);
        if (profile != null && profiles.profile(profile).isEmpty() && !profile.startsWith(CORE_PROFILES)) {
            throw OperationErrors.invalid("Unknown profile " + profile + ": neither a profile of the package "
                    + profiles.label() + " nor an R4 core profile");
        }
        Resource given = input.body() instanceof Parameters ? input.resource("resource").orElse(null) : input.body();
        if (given != null) {
            return blocking.run(() -> validate(given, input, mode, profile));
        }
        if (input.id() == null) {
            throw OperationErrors.required("$validate needs a resource: the request body, or the 'resource' parameter");
        }
        return sessions.withSession(session -> store.current(session, input.type(), input.id()))
                .chain(stored -> blocking.run(() -> validate(codec.parseStored(stored.json()), input, mode, profile)));
    }

    private Resource validate(Resource resource, OperationInput input, String mode, String profile) {
        if (!resource.fhirType().equals(input.type())) {
            throw OperationErrors.invalid("The resource is a " + resource.fhirType() + ", not a " + input.type());
        }
        Set<String> against = new LinkedHashSet<>(enforcement.claimedPackageProfiles(resource));
        if (profile != null) {
            against.add(profile);
        }
        List<Finding> findings = new ArrayList<>(validator.validate(resource, against));
        if ("update".equals(mode) && input.id() != null && !input.id().equals(resource.getIdElement().getIdPart())) {
            findings.add(0, new Finding(ResultSeverityEnum.ERROR,
                    "An update of " + input.type() + "/" + input.id() + " must carry the id " + input.id(),
                    input.type() + ".id", null));
        }
        return Findings.toOutcome(findings, input.type(), null);
    }

    /** mode=delete: would the server accept deleting this resource? */
    private Uni<Resource> checkDelete(OperationInput input) {
        if (input.id() == null) {
            throw OperationErrors.required("mode=delete validates deleting an instance: call [type]/[id]/$validate");
        }
        return sessions.withSession(session -> store.current(session, input.type(), input.id())
                        .chain(() -> integrity.requireUnreferenced(session, input.type(), input.id(), input.baseUrl())))
                .map(ignored -> {
                    profiles.checkWritable(input.type(), input.id(), null);
                    return outcome(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL,
                            input.type() + "/" + input.id() + " may be deleted");
                })
                .onFailure(failure -> failure instanceof ResourceVersionConflictException
                        || failure instanceof MethodNotAllowedException)
                .recoverWithItem(refused -> outcome(IssueSeverity.ERROR,
                        refused instanceof MethodNotAllowedException ? IssueType.FORBIDDEN : IssueType.CONFLICT,
                        refused.getMessage()));
    }

    private static Resource outcome(IssueSeverity severity, IssueType code, String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(severity).setCode(code).setDiagnostics(text);
        return outcome;
    }
}
