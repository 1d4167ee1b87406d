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
import org.hrgateway.audit.AuditTrail;
import org.hrgateway.audit.PatientAccessAudit;
import org.hrgateway.audit.PatientAccessAudit.Access;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.interaction.CreateInteraction;
import org.hrgateway.interaction.DeleteInteraction;
import org.hrgateway.interaction.HistoryInteraction;
import org.hrgateway.interaction.ResourcePreparer;
import org.hrgateway.interaction.SearchInteraction;
import org.hrgateway.interaction.UpdateInteraction;
import org.hrgateway.search.SearchResult;
import org.hrgateway.search.bundle.SearchBundleWriter;
import org.hrgateway.store.StoredResource;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    private final PatientAccessAudit audit;
    private final AuditTrail trail;

    public TypeResource(GatewayConfig config, FhirResponses responses,
                        ResourcePreparer preparer, CreateInteraction create, UpdateInteraction update,
                        DeleteInteraction delete, HistoryInteraction history, SearchInteraction search,
                        SearchBundleWriter bundles, Guard guard, PatientAccessAudit audit, AuditTrail trail) {
        this.guard = guard;
        this.audit = audit;
        this.trail = trail;
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
        // If-None-Exist is a search: where it may match AuditEvents, their waiting ones count.
        return (ifNoneExist == null ? Uni.createFrom().voidItem()
                : trail.beforeReading(resourceType, Map.of("If-None-Exist", List.of(ifNoneExist))))
                .chain(() -> preparer.prepare(body, contentType))
                .chain(prepared -> create.create(resourceType, prepared, ifNoneExist, request.baseUrl(), caller))
                .chain(outcome -> {
                    if (outcome.status() == 201) {
                        return Uni.createFrom().item(responses.written(outcome, request));
                    }
                    // If-None-Exist matched a stored resource: showing it is a read, so it needs a read
                    // scope and leaves its AuditEvent; without one the answer only says what matched.
                    if (!org.hrgateway.security.Access.allows(caller, resourceType, Permission.READ)) {
                        return Uni.createFrom().item(responses.written(outcome, request.withoutResource()));
                    }
                    return audit.returned(caller, Access.READ, outcome.stored().relativeUrl(), List.of(outcome.stored()),
                            request.baseUrl()).map(ignored -> responses.written(outcome, request));
                });
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
        String query = Objects.requireNonNullElse(uri.getRequestUri().getRawQuery(), "");
        return trail.beforeReading(resourceType, Map.of("criteria", List.of(query)))
                .chain(() -> preparer.prepare(body, contentType))
                .chain(prepared -> update.updateConditional(resourceType, query, prepared, request.baseUrl(), caller))
                .map(outcome -> responses.written(outcome, request));
    }

    /** Conditional delete: DELETE [base]/[type]?[search]. */
    @DELETE
    public Uni<Response> deleteConditional(@PathParam("type") String type,
                                           @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        String query = Objects.requireNonNullElse(uri.getRequestUri().getRawQuery(), "");
        String resourceType = guard.allow(type, Permission.DELETE);
        Caller caller = guard.caller();
        return trail.beforeReading(resourceType, Map.of("criteria", List.of(query)))
                .chain(() -> delete.deleteConditional(resourceType, query, request.baseUrl(), caller))
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
        return search(type, withForm(uri, form), uri, headers);
    }

    /** A POSTed search's parameters: those in the URL, and the form's after them (search.html#search). */
    static Map<String, List<String>> withForm(UriInfo uri, MultivaluedMap<String, String> form) {
        Map<String, List<String>> params = new LinkedHashMap<>(uri.getQueryParameters());
        form.forEach((key, values) -> params.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values));
        return params;
    }

    private Uni<Response> search(String type, Map<String, List<String>> params, UriInfo uri, HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        Guard.Reading reading = guard.allowReading(type, Permission.SEARCH);
        String resourceType = reading.type();
        Map<String, List<String>> narrowed = guard.narrowed(reading, params);
        return trail.beforeReading(resourceType, narrowed)
                .chain(() -> search.search(resourceType, narrowed, request.prefer().strict(), request.baseUrl()))
                .map(found -> guard.visibleIncludes(reading, found, request.baseUrl()))
                .chain(result -> {
                    List<String[]> links = SearchLinks.of(result, request.baseUrl(), resourceType, narrowed);
                    return audit.returned(reading.caller(), Access.SEARCH_TYPE, relative(links.get(0)[1], request.baseUrl()),
                                    returned(result), request.baseUrl())
                            .chain(() -> bundles.write(result, links, request.baseUrl(), request.format()));
                })
                .map(body -> Response.ok(body).type(request.format().format().contentType()).build());
    }

    /** Every resource the page returns, its matches and what they included. */
    static List<StoredResource> returned(SearchResult result) {
        List<StoredResource> returned = new ArrayList<>(result.matches().size() + result.included().size());
        result.matches().forEach(row -> returned.add(row.stored()));
        result.included().forEach(row -> returned.add(row.stored()));
        return returned;
    }

    /** The self link relative to the base: the query as the server understood it. */
    private static String relative(String link, String baseUrl) {
        return link.startsWith(baseUrl + "/") ? link.substring(baseUrl.length() + 1) : link;
    }

    @GET
    @Path("/_history")
    public Uni<Response> history(@PathParam("type") String type,
                                 @QueryParam("_count") String count, @QueryParam("_since") String since,
                                 @QueryParam("_cursor") String cursor,
                                 @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        String resourceType = guard.allow(type, Permission.READ);
        Caller caller = guard.caller();
        return trail.beforeReading(resourceType, Map.of())
                .chain(() -> history.history(resourceType, null, count, since, cursor, request.baseUrl()))
                .call(bundle -> audit.returnedParsed(caller, Access.HISTORY_TYPE, FhirRequest.relativeTarget(uri),
                        Bundles.resources(bundle), request.baseUrl()))
                .map(bundle -> responses.resource(200, bundle, request.format()));
    }
}
