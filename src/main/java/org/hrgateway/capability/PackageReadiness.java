package org.hrgateway.capability;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.hrgateway.conformance.ProfilePackage;

/** Ready once the profile package is published: before that, terminology and `:in` would miss it. */
@Readiness
@ApplicationScoped
public class PackageReadiness implements HealthCheck {

    private final PackageInstaller installer;
    private final ProfilePackage profiles;

    public PackageReadiness(PackageInstaller installer, ProfilePackage profiles) {
        this.installer = installer;
        this.profiles = profiles;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("profile-package")
                .status(installer.installed())
                .withData("package", profiles.label())
                .build();
    }
}
