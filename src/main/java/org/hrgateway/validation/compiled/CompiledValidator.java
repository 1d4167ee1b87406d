package org.hrgateway.validation.compiled;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.conformance.PackagePublished;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.Lazy;
import org.hrgateway.validation.PackageDefinitions;
import org.hrgateway.validation.Finding;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fast path for writes: the package profiles compiled from their snapshots into rule trees
 * (cardinalities, fixed values and patterns, required bindings, extension definitions and contexts,
 * slices, reference target types, primitive formats and every error invariant, parsed once per
 * thread), checked in a single walk of the resource. HAPI's validator stays the reference: where a
 * profile or a resource reaches beyond what is compiled, the answer is empty and HAPI judges. A
 * differential test holds the two to the same verdict (ADR 0005).
 */
@ApplicationScoped
public class CompiledValidator {

    private static final Logger LOG = Logger.getLogger(CompiledValidator.class);

    private final PackageDefinitions definitions;
    private final ProfilePackage profiles;
    private final Lazy<Parts> parts = new Lazy<>(this::newParts);

    private record Parts(CompiledStructures structures, CodedValues codes, Invariants invariants, Set<String> resourceTypes) {
    }

    public CompiledValidator(PackageDefinitions definitions, ProfilePackage profiles) {
        this.definitions = definitions;
        this.profiles = profiles;
    }

    /** Compiles the package's profiles once it is published, so that the first write does not wait for it. */
    void warmUp(@Observes PackagePublished event, BlockingWork blocking) {
        long started = System.nanoTime();
        blocking.run(() -> {
            List<String> outside = new ArrayList<>();
            for (StructureDefinition profile : profiles.resourcesOf(StructureDefinition.class)) {
                try {
                    parts.get().structures().byUrl(profile.getUrl());
                } catch (OutsideFastPath e) {
                    outside.add(profile.getUrl() + " (" + e.getMessage() + ")");
                }
            }
            return outside;
        }).subscribe().with(
                outside -> LOG.infof("Compiled validator ready in %d ms%s", (System.nanoTime() - started) / 1_000_000,
                        outside.isEmpty() ? "" : "; left to HAPI's validator: " + String.join(", ", outside)),
                failure -> LOG.error("Compiled validator failed to start", failure));
    }

    /**
     * Blocking. The error findings of `resource` against the profiles, or empty when the fast path
     * cannot judge it (HAPI's validator must).
     */
    public Optional<List<Finding>> validate(Resource resource, Collection<String> profileUrls) {
        Parts parts = this.parts.get();
        try {
            List<Finding> findings = otherClaims(parts, resource, profileUrls);
            for (String url : profileUrls) {
                CompiledStructure profile = parts.structures().byUrl(url);
                if (profile == null) {
                    return Optional.empty();
                }
                findings.addAll(new InstanceCheck(parts.structures(), parts.codes(), parts.invariants(),
                        parts.resourceTypes(), resource).against(profile));
            }
            return Optional.of(findings);
        } catch (OutsideFastPath outside) {
            LOG.debugf("%s left to HAPI's validator: %s", resource.fhirType(), outside.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            // A fault of the fast path must not fail the write: HAPI's validator still judges it.
            LOG.warnf(e, "The compiled validator failed on a %s; HAPI's validator judges it", resource.fhirType());
            return Optional.empty();
        }
    }

    /**
     * HAPI also checks a resource against any other profile it claims and can resolve (left to it),
     * and refuses a claim it cannot resolve.
     */
    private static List<Finding> otherClaims(Parts parts, Resource resource, Collection<String> profileUrls) {
        List<Finding> findings = new ArrayList<>();
        List<CanonicalType> claims = resource.getMeta().getProfile();
        for (int i = 0; i < claims.size(); i++) {
            String url = claims.get(i).getValue();
            if (url == null || profileUrls.contains(url)) {
                continue;
            }
            if (parts.structures().known(url)) {
                throw new OutsideFastPath("also claims " + url);
            }
            findings.add(new Finding(ResultSeverityEnum.ERROR, "Profile reference '" + url
                    + "' has not been checked because it could not be found",
                    resource.fhirType() + ".meta.profile[" + i + "]", "profile-unknown"));
        }
        return findings;
    }

    private Parts newParts() {
        ValidationSupportChain chain = definitions.separateChain();
        FhirContext context = definitions.context();
        return new Parts(new CompiledStructures(chain), new CodedValues(chain), new Invariants(context, chain),
                Set.copyOf(context.getResourceTypes()));
    }

}
