package org.hrgateway.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.operation.Operations;
import org.hrgateway.security.Permission;
import org.hrgateway.view.Dashboard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every `$operation` call (https://hl7.org/fhir/R4/operations.html): `[base]/$name`, `[type]/$name`
 * and `[type]/[id]/$name`, by GET with the parameters in the URL or by POST with a Parameters (or,
 * for `$validate`, a resource) body. The registry finds the operation and checks the call.
 */
// The `$` may arrive percent-encoded (%24): paths are matched before decoding. The type and
// instance resources share these path prefixes; Quarkus REST falls through to this class when
// they have no method for the rest of the path.
@Path("/")
public class OperationResource {

    private static final String OPERATION = "{operation: (\\$|%24)[A-Za-z][A-Za-z-]*}";
    private static final String TYPE = "{type: [A-Z][A-Za-z]+}/";
    private static final String ID = "{id: [^/]+}/";

    private final Operations operations;
    private final ResourceTypes types;
    private final ResourceCodec codec;
    private final BlockingWork blocking;
    private final FhirResponses responses;
    private final GatewayConfig config;
    private final Guard guard;
    private final Dashboard dashboard;

    public OperationResource(Operations operations, ResourceTypes types, ResourceCodec codec, BlockingWork blocking,
                             FhirResponses responses, GatewayConfig config, Guard guard, Dashboard dashboard) {
        this.guard = guard;
        this.dashboard = dashboard;
        this.operations = operations;
        this.types = types;
        this.codec = codec;
        this.blocking = blocking;
        this.responses = responses;
        this.config = config;
    }

    @GET
    @Path(OPERATION)
    public Uni<Response> system(@PathParam("operation") String operation,
                                @Context UriInfo uri, @Context HttpHeaders headers) {
        if (Dashboard.shows(operation) && (Pages.page(uri, headers) || Pages.csv(uri))) {
            return dashboard(uri, headers);
        }
        return call(null, null, operation, null, null, uri, headers, true);
    }

    @POST
    @Path(OPERATION)
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> systemWithBody(@PathParam("operation") String operation,
                                        @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body,
                                        @Context UriInfo uri, @Context HttpHeaders headers) {
        return call(null, null, operation, body, contentType, uri, headers, false);
    }

    @GET
    @Path(TYPE + OPERATION)
    public Uni<Response> type(@PathParam("type") String type, @PathParam("operation") String operation,
                              @Context UriInfo uri, @Context HttpHeaders headers) {
        return call(type, null, operation, null, null, uri, headers, true);
    }

    @POST
    @Path(TYPE + OPERATION)
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> typeWithBody(@PathParam("type") String type, @PathParam("operation") String operation,
                                      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body,
                                      @Context UriInfo uri, @Context HttpHeaders headers) {
        return call(type, null, operation, body, contentType, uri, headers, false);
    }

    @GET
    @Path(TYPE + ID + OPERATION)
    public Uni<Response> instance(@PathParam("type") String type, @PathParam("id") String id,
                                  @PathParam("operation") String operation,
                                  @Context UriInfo uri, @Context HttpHeaders headers) {
        return call(type, id, operation, null, null, uri, headers, true);
    }

    @POST
    @Path(TYPE + ID + OPERATION)
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> instanceWithBody(@PathParam("type") String type, @PathParam("id") String id,
                                          @PathParam("operation") String operation,
                                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body,
                                          @Context UriInfo uri, @Context HttpHeaders headers) {
        return call(type, id, operation, body, contentType, uri, headers, false);
    }

    /**
     * The authority dashboard (view/Dashboard): `$recognition-report` as a page, or its figures as CSV.
     * The report's own authorization applies; the page lists the orders behind repeats, so it also
     * takes read access to orders.
     */
    private Uni<Response> dashboard(UriInfo uri, HttpHeaders headers) {
        String baseUrl = FhirRequest.baseUrl(uri, config);
        guard.allowReading("ServiceRequest", Permission.READ);
        String language = Pages.language(headers);
        Map<String, List<String>> params = uri.getQueryParameters();
        if (Pages.csv(uri)) {
            return dashboard.csv(params, guard.caller(), baseUrl, language).map(csv -> Response.ok(csv, "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"recognition-"
                            + params.getOrDefault("part", List.of("figures")).get(0).replaceAll("[^a-z]", "") + ".csv\"")
                    .header("Content-Language", language).build());
        }
        return dashboard.page(params, guard.caller(), baseUrl, language)
                .map(html -> Response.ok(html, "text/html; charset=UTF-8").header("Content-Language", language).build());
    }

    /** `body` null or blank: the parameters are in the URL only. */
    private Uni<Response> call(String type, String id, String operation, String body, String contentType,
                               UriInfo uri, HttpHeaders headers, boolean get) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        String resourceType = type == null ? null : types.require(type);
        if (id != null) {
            ResourceTypes.requireValidId(id);
        }
        // `_format`, `_pretty` and the like are the HTTP layer's, not the operation's parameters.
        Map<String, List<String>> query = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!name.startsWith("_")) {
                query.put(name, values);
            }
        });
        Uni<OperationInput> input = body == null || body.isBlank()
                ? Uni.createFrom().item(new OperationInput(resourceType, id, query, null, request.baseUrl()))
                : blocking.run(() -> new OperationInput(resourceType, id, query, codec.parse(body, contentType),
                        request.baseUrl()));
        return input.chain(in -> operations.invoke(operation, get, in, guard.caller()))
                .map(result -> responses.resource(200, result, request.format()));
    }
}
