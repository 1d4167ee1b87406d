package org.hrgateway.validation;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.Lazy;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.validation.compiled.CompiledValidator;
import org.hrgateway.telemetry.GatewayMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rule on writes: a resource claiming a package profile in `meta.profile` must conform to it,
 * as must a resource whose code a package profile fixes (ImpliedProfiles: a `repeat-test`
 * DetectedIssue), and a resource of a type listed in `hr.profiles.required` must claim one. A failure is a 422
 * whose OperationOutcome lists the validator's findings; nothing is stored.
 */
@ApplicationScoped
public class ProfileEnforcement {

    private final ProfilePackage profiles;
    private final ProfileValidator validator;
    private final CompiledValidator compiled;
    private final boolean useCompiled;
    private final Set<String> requiredTypes;
    private final Lazy<ImpliedProfiles> implied;
    private final GatewayMetrics metrics;

    public ProfileEnforcement(ProfilePackage profiles, ProfileValidator validator, CompiledValidator compiled,
                              GatewayConfig config, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.profiles = profiles;
        this.validator = validator;
        this.compiled = compiled;
        this.useCompiled = config.profiles().validator() == GatewayConfig.WriteValidator.COMPILED;
        this.requiredTypes = Set.copyOf(config.profiles().required().orElse(List.of()));
        this.implied = new Lazy<>(() -> ImpliedProfiles.of(profiles));
    }

    /**
     * Blocking: call on a worker. `where` is the FHIRPath of the resource within its request
     * (`Bundle.entry[2].resource`), or null when the resource is the whole body.
     */
    public void enforce(Resource resource, String where) {
        String type = resource.fhirType();
        List<String> claimed = new ArrayList<>(claimedPackageProfiles(resource));
        implied.get().of(resource).stream().filter(url -> !claimed.contains(url)).forEach(claimed::add);
        if (claimed.isEmpty()) {
            if (requiredTypes.contains(type)) {
                List<String> offered = profiles.profilesFor(type);
                String message = type + " resources must claim a profile of the package " + profiles.label()
                        + " in meta.profile" + (offered.isEmpty() ? "" : " (" + String.join(", ", offered) + ")");
                OperationOutcome outcome = new OperationOutcome();
                outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.REQUIRED)
                        .setDiagnostics(message).addExpression(prefixed(type + ".meta.profile", type, where));
                metrics.validationFailure(type, "profile-required");
                throw new UnprocessableEntityException(message, outcome);
            }
            return;
        }
        List<Finding> findings = useCompiled
                ? compiled.validate(resource, claimed).orElseGet(() -> validator.validate(resource, claimed))
                : validator.validate(resource, claimed);
        if (findings.stream().anyMatch(Finding::isError)) {
            OperationOutcome outcome = Findings.toOutcome(findings, type, where);
            long errors = findings.stream().filter(Finding::isError).count();
            findings.stream().filter(Finding::isError).map(Finding::messageId).distinct()
                    .forEach(rule -> metrics.validationFailure(type, rule));
            throw new UnprocessableEntityException(type + (where == null ? "" : " at " + where) + " does not conform to "
                    + String.join(", ", claimed) + ": " + errors + " error(s)", outcome);
        }
    }

    /** The package profiles `resource` claims for its own type; other claims are not the gateway's to check. */
    public List<String> claimedPackageProfiles(Resource resource) {
        return resource.getMeta().getProfile().stream()
                .map(CanonicalType::getValue)
                .filter(url -> profiles.profile(url).filter(p -> p.getType().equals(resource.fhirType())).isPresent())
                .toList();
    }

    static String prefixed(String location, String type, String where) {
        if (where == null || location == null) {
            return location;
        }
        return location.startsWith(type) ? where + location.substring(type.length()) : where + "." + location;
    }
}
