package org.hrgateway.api;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.cds.CardFeedback;
import org.hrgateway.cds.CdsServices;
import org.hrgateway.cds.OrderAdvice;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.Outcomes;


/**
 * CDS Hooks calls (https://cds-hooks.hl7.org/2.0/) at `[base]/cds-services/{id}` and their feedback at
 * `[base]/cds-services/{id}/feedback`, with the gateway's bearer token like every FHIR call: what the
 * token may read decides what the service reads for it. Discovery is {@link CdsDiscoveryResource}.
 */
@Path("cds-services/{id}")
public class CdsHooksResource {

    private final CdsServices services;
    private final OrderAdvice advice;
    private final CardFeedback feedback;
    private final Guard guard;
    private final GatewayConfig config;

    public CdsHooksResource(CdsServices services, OrderAdvice advice, CardFeedback feedback, Guard guard,
                            GatewayConfig config) {
        this.services = services;
        this.advice = advice;
        this.feedback = feedback;
        this.guard = guard;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> call(@PathParam("id") String id, String body, @Context UriInfo uri, @Context HttpHeaders headers) {
        return advice.advise(service(id), body, guard.caller(), FhirRequest.baseUrl(uri, config), Pages.language(headers))
                .map(cards -> Response.ok(cards.toString(), MediaType.APPLICATION_JSON_TYPE).build());
    }

    @POST
    @Path("feedback")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> feedback(@PathParam("id") String id, String body, @Context UriInfo uri,
                                  @Context HttpHeaders headers) {
        return feedback.record(service(id), body, guard.caller(), FhirRequest.baseUrl(uri, config))
                .map(ignored -> Response.ok("{}", MediaType.APPLICATION_JSON_TYPE).build());
    }

    private CdsServices.Service service(String id) {
        return services.find(id).orElseThrow(() -> {
            String message = "No CDS service '" + id + "' here; GET [base]/cds-services lists them";
            return new ResourceNotFoundException(message, Outcomes.error(IssueType.NOTFOUND, message));
        });
    }

}
