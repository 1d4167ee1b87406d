package org.hrgateway.operation;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.fhir.CoreTypeDefinitions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OperationDefinitions an operation may name: the profile package's, and R4's own (exported at
 * build time from HAPI's definitions, see {@link CoreTypeDefinitions#CORE_OPERATIONS}). The package
 * wins where both define a URL.
 */
@ApplicationScoped
public class OperationDefinitions {

    private final Map<String, OperationDefinition> byUrl = new HashMap<>();

    public OperationDefinitions(FhirContext context, ProfilePackage profiles) {
        try (InputStream in = OperationDefinitions.class.getClassLoader()
                .getResourceAsStream(CoreTypeDefinitions.CORE_OPERATIONS)) {
            if (in == null) {
                throw new IllegalStateException(CoreTypeDefinitions.CORE_OPERATIONS + " is missing from the build");
            }
            Bundle core = context.newJsonParser().parseResource(Bundle.class, in);
            core.getEntry().forEach(entry -> add((OperationDefinition) entry.getResource()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        profiles.resourcesOf(OperationDefinition.class).forEach(this::add);
    }

    public Optional<OperationDefinition> byUrl(String url) {
        return Optional.ofNullable(byUrl.get(url));
    }

    private void add(OperationDefinition definition) {
        byUrl.put(definition.getUrl(), definition);
    }
}
