package org.hrgateway.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hrgateway.capability.CapabilityStatementFactory;
import org.hrgateway.config.GatewayConfig;

/** FHIR capabilities interaction. https://hl7.org/fhir/R4/http.html#capabilities */
@Path("/metadata")
@OpenEndpoint
public class MetadataResource {

    private final CapabilityStatementFactory capabilities;
    private final FhirResponses responses;
    private final GatewayConfig config;

    public MetadataResource(CapabilityStatementFactory capabilities, FhirResponses responses, GatewayConfig config) {
        this.capabilities = capabilities;
        this.responses = responses;
        this.config = config;
    }

    @GET
    public Response capabilities(@Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        return responses.resource(200, capabilities.build(request.baseUrl()), request.format());
    }
}
