package org.hrgateway.validation;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.fhir.Lazy;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * The package's conformance resources with their snapshots, and the HAPI validation support chain
 * over them: what both validators (HAPI's and the compiled one) read. Built once, on first use,
 * on a worker thread (it is blocking).
 */
@ApplicationScoped
public class PackageDefinitions {

    private static final Logger LOG = Logger.getLogger(PackageDefinitions.class);

    private final FhirContext context;
    private final ProfilePackage profiles;
    private final Lazy<Built> built = new Lazy<>(this::build);

    private record Built(List<Resource> resources, ValidationSupportChain chain) {
    }

    public PackageDefinitions(FhirContext context, ProfilePackage profiles) {
        this.context = context;
        this.profiles = profiles;
    }

    public FhirContext context() {
        return context;
    }

    /** The package's resources, each StructureDefinition with its snapshot. */
    public List<Resource> resources() {
        return built.get().resources();
    }

    /** Package first, then R4 core and terminology: HAPI's validator's chain. */
    public ValidationSupportChain chain() {
        return built.get().chain();
    }

    /**
     * A chain of its own over the same definitions, for the compiled validator: a chain caches the
     * answers to code checks, and HAPI's validator must reach its verdicts from its own answers alone
     * (the differential test compares the two).
     */
    public ValidationSupportChain separateChain() {
        List<Resource> resources = resources();
        return ValidationChains.chain(context, ValidationChains.packageSupport(context, resources), resources);
    }

    private Built build() {
        List<Resource> resources = new ArrayList<>(profiles.resources());
        if (resources.stream().anyMatch(r -> r instanceof StructureDefinition d && !d.hasSnapshot())) {
            // A package given by hr.profiles-dir, not built into the jar: generate what the build would have.
            long started = System.nanoTime();
            List<StructureDefinition> complete = new SnapshotGenerator(context).withSnapshots(resources);
            resources.removeIf(StructureDefinition.class::isInstance);
            resources.addAll(complete);
            LOG.infof("Generated snapshots of %d profiles in %d ms (the build does this for the package in the jar)",
                    complete.size(), (System.nanoTime() - started) / 1_000_000);
        }
        ValidationSupportChain chain = ValidationChains.chain(context,
                ValidationChains.packageSupport(context, resources), resources);
        return new Built(List.copyOf(resources), chain);
    }
}
