package org.hrgateway.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.interaction.CreateInteraction;
import org.hrgateway.interaction.DeleteInteraction;
import org.hrgateway.interaction.HistoryInteraction;
import org.hrgateway.interaction.ResourcePreparer;
import org.hrgateway.interaction.UpdateInteraction;

/** Type-level FHIR interactions: [base]/[type]... */
@Path("/{type}")
public class TypeResource {

    private final ResourceTypes types;
    private final GatewayConfig config;
    private final FhirResponses responses;
    private final ResourcePreparer preparer;
    private final CreateInteraction create;
    private final UpdateInteraction update;
    private final DeleteInteraction delete;
    private final HistoryInteraction history;

    public TypeResource(ResourceTypes types, GatewayConfig config, FhirResponses responses,
                        ResourcePreparer preparer, CreateInteraction create, UpdateInteraction update,
                        DeleteInteraction delete, HistoryInteraction history) {
        this.types = types;
        this.config = config;
        this.responses = responses;
        this.preparer = preparer;
        this.create = create;
        this.update = update;
        this.delete = delete;
        this.history = history;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> create(@PathParam("type") String type,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                @HeaderParam("If-None-Exist") String ifNoneExist, String body,
                                @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        String resourceType = types.require(type);
        return preparer.prepare(body, contentType)
                .chain(prepared -> create.create(resourceType, prepared, ifNoneExist))
                .map(outcome -> responses.written(outcome, request));
    }

    /** Conditional update: PUT [base]/[type]?[search]. */
    @PUT
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> updateConditional(@PathParam("type") String type,
                                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body,
                                           @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        String resourceType = types.require(type);
        String query = uri.getRequestUri().getRawQuery();
        return preparer.prepare(body, contentType)
                .chain(prepared -> update.updateConditional(resourceType, query == null ? "" : query, prepared))
                .map(outcome -> responses.written(outcome, request));
    }

    /** Conditional delete: DELETE [base]/[type]?[search]. */
    @DELETE
    public Uni<Response> deleteConditional(@PathParam("type") String type,
                                           @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        String query = uri.getRequestUri().getRawQuery();
        return delete.deleteConditional(types.require(type), query == null ? "" : query)
                .map(outcome -> responses.written(outcome, request));
    }

    @GET
    @Path("/_history")
    public Uni<Response> history(@PathParam("type") String type,
                                 @QueryParam("_count") String count, @QueryParam("_since") String since,
                                 @QueryParam("_cursor") String cursor,
                                 @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        return history.history(types.require(type), null, count, since, cursor, request.baseUrl())
                .map(bundle -> responses.resource(200, bundle, request.format()));
    }
}
