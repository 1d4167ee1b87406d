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
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.interaction.CreateInteraction;
import org.hrgateway.interaction.DeleteInteraction;
import org.hrgateway.interaction.HistoryInteraction;
import org.hrgateway.interaction.ResourcePreparer;
import org.hrgateway.interaction.SearchInteraction;
import org.hrgateway.interaction.UpdateInteraction;
import org.hrgateway.search.bundle.SearchBundleWriter;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Type-level FHIR interactions: [base]/[type]... */
@Path("/{type: [A-Z][A-Za-z]+}")
public class TypeResource {

    private final GatewayConfig config;
    private final FhirResponses responses;
    private final ResourcePreparer preparer;
    private final CreateInteraction create;
    private final UpdateInteraction update;
    private final DeleteInteraction delete;
    private final HistoryInteraction history;
    private final SearchInteraction search;
    private final SearchBundleWriter bundles;
    private final Guard guard;

    public TypeResource(GatewayConfig config, FhirResponses responses,
                        ResourcePreparer preparer, CreateInteraction create, UpdateInteraction update,
                        DeleteInteraction delete, HistoryInteraction history, SearchInteraction search,
                        SearchBundleWriter bundles, Guard guard) {
        this.guard = guard;
        this.config = config;
        this.responses = responses;
        this.preparer = preparer;
        this.create = create;
        this.update = update;
        this.delete = delete;
        this.history = history;
        this.search = search;
        this.bundles = bundles;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> create(@PathParam("type") String type,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                @HeaderParam("If-None-Exist") String ifNoneExist, String body,
                                @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        String resourceType = guard.allow(type, Permission.CREATE);
        Caller caller = guard.caller();
        return preparer.prepare(body, contentType)
                .chain(prepared -> create.create(resourceType, prepared, ifNoneExist, request.baseUrl(), caller))
                .map(outcome -> responses.written(outcome, request));
    }

    /** Conditional update: PUT [base]/[type]?[search]. */
    @PUT
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> updateConditional(@PathParam("type") String type,
                                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body,
                                           @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        String resourceType = guard.allow(type, Permission.UPDATE);
        Caller caller = guard.caller();
        String query = uri.getRequestUri().getRawQuery();
        return preparer.prepare(body, contentType)
                .chain(prepared -> update.updateConditional(resourceType, query == null ? "" : query, prepared,
                        request.baseUrl(), caller))
                .map(outcome -> responses.written(outcome, request));
    }

    /** Conditional delete: DELETE [base]/[type]?[search]. */
    @DELETE
    public Uni<Response> deleteConditional(@PathParam("type") String type,
                                           @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        String query = uri.getRequestUri().getRawQuery();
        return delete.deleteConditional(guard.allow(type, Permission.DELETE), query == null ? "" : query,
                        request.baseUrl(), guard.caller())
                .map(outcome -> responses.written(outcome, request));
    }

    /** Search: GET [base]/[type]?[params] (http.html#search). */
    @GET
    public Uni<Response> search(@PathParam("type") String type, @Context UriInfo uri, @Context HttpHeaders headers) {
        return search(type, new LinkedHashMap<>(uri.getQueryParameters()), uri, headers);
    }

    /** Search: POST [base]/[type]/_search with form parameters, merged with any in the URL. */
    @POST
    @Path("/_search")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> searchByPost(@PathParam("type") String type, MultivaluedMap<String, String> form,
                                      @Context UriInfo uri, @Context HttpHeaders headers) {
        Map<String, List<String>> params = new LinkedHashMap<>(uri.getQueryParameters());
        form.forEach((key, values) -> params.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values));
        return search(type, params, uri, headers);
    }

    private Uni<Response> search(String type, Map<String, List<String>> params, UriInfo uri, HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        String resourceType = guard.allow(type, Permission.SEARCH);
        return search.search(resourceType, params, request.prefer().strict(), request.baseUrl())
                .chain(result -> bundles.write(result, SearchLinks.of(result, request.baseUrl(), resourceType, params),
                        request.baseUrl(), request.format()))
                .map(body -> Response.ok(body).type(request.format().format().contentType()).build());
    }

    @GET
    @Path("/_history")
    public Uni<Response> history(@PathParam("type") String type,
                                 @QueryParam("_count") String count, @QueryParam("_since") String since,
                                 @QueryParam("_cursor") String cursor,
                                 @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        return history.history(guard.allow(type, Permission.READ), null, count, since, cursor, request.baseUrl())
                .map(bundle -> responses.resource(200, bundle, request.format()));
    }
}
