package org.hrgateway.capability;

import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * `/q/openapi` and Swagger UI (`/q/swagger-ui`) describe what `[base]/metadata` declares
 * ({@link OpenApiDescription}), not the JAX-RS resources' generic `{type}/{id}` paths. Run when the
 * document is asked for: the CapabilityStatement follows the installed profile package.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class OpenApiFromCapabilities implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        CapabilityStatementFactory capabilities = Arc.container().instance(CapabilityStatementFactory.class).get();
        String base = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.rest.path", String.class).orElse("/fhir");
        OpenApiDescription.describe(openApi, capabilities.build(base), base);
    }
}
