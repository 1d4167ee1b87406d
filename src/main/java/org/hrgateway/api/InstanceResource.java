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
import java.util.List;
import org.hrgateway.audit.PatientAccessAudit;
import org.hrgateway.audit.PatientAccessAudit.Access;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.store.StoredResource;
import org.hrgateway.view.ReportView;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.interaction.DeleteInteraction;
import org.hrgateway.interaction.HistoryInteraction;
import org.hrgateway.interaction.ReadInteraction;
import org.hrgateway.interaction.ResourcePreparer;
import org.hrgateway.interaction.UpdateInteraction;
import org.hrgateway.interaction.VreadInteraction;

/**
 * Instance-level FHIR interactions: [base]/[type]/[id]...
 * The id excludes "_history" and `$operation` names (never valid ids): JAX-RS picks the root class
 * with the longer template first, so without that GET [type]/_history or POST [type]/$validate would
 * be read here as an id.
 */
@Path("/{type: [A-Z][A-Za-z]+}/{id: (?!_history$)(?!\\$|%24)[^/]+}")
public class InstanceResource {

    private final GatewayConfig config;
    private final FhirResponses responses;
    private final ResourcePreparer preparer;
    private final ReadInteraction read;
    private final VreadInteraction vread;
    private final UpdateInteraction update;
    private final DeleteInteraction delete;
    private final HistoryInteraction history;
    private final Guard guard;
    private final PatientAccessAudit audit;

    private final ReportView view;

    public InstanceResource(GatewayConfig config, FhirResponses responses,
                            ResourcePreparer preparer, ReadInteraction read, VreadInteraction vread,
                            UpdateInteraction update, DeleteInteraction delete, HistoryInteraction history,
                            Guard guard, PatientAccessAudit audit, ReportView view) {
        this.view = view;
        this.guard = guard;
        this.audit = audit;
        this.config = config;
        this.responses = responses;
        this.preparer = preparer;
        this.read = read;
        this.vread = vread;
        this.update = update;
        this.delete = delete;
        this.history = history;
    }

    @GET
    public Uni<Response> read(@PathParam("type") String type, @PathParam("id") String id,
                              @Context UriInfo uri, @Context HttpHeaders headers) {
        if (view.shows(type) && Pages.page(uri, headers)) {
            return page(type, id, uri, headers);
        }
        FhirRequest request = FhirRequest.of(uri, headers, config);
        return visibleRead(guard.allowReading(type, Permission.READ), id, request.baseUrl())
                .map(stored -> responses.stored(stored, request.format()));
    }

    /** The current version, once the caller may see it; the read is audited either way. */
    private Uni<StoredResource> visibleRead(Guard.Reading reading, String id, String baseUrl) {
        // No drain of the audit trail: an AuditEvent's id is first seen once it is stored (ADR 0014).
        return read.read(reading.type(), id)
                .call(stored -> guard.visible(reading, stored, baseUrl) ? Uni.createFrom().voidItem()
                        : audit.refused(reading.caller(), Access.READ, stored.relativeUrl(), stored, baseUrl)
                        .chain(() -> Uni.createFrom().failure(guard.notVisible(reading, stored))))
                .call(stored -> audit.returned(reading.caller(), Access.READ, stored.relativeUrl(), List.of(stored), baseUrl));
    }

    /**
     * The report view of a DiagnosticReport or Observation (view/ReportView): a read like any other
     * (the same scopes, visibility and audit), answered as a page for people.
     */
    private Uni<Response> page(String type, String id, UriInfo uri, HttpHeaders headers) {
        String baseUrl = FhirRequest.baseUrl(uri, config);
        Guard.Reading reading = guard.allowReading(type, Permission.READ);
        // A report's page shows its results: reading them takes what reading them directly would.
        guard.allowReading("Observation", Permission.READ);
        return visibleRead(reading, id, baseUrl)
                .chain(stored -> view.page(stored, baseUrl, Pages.language(headers)))
                .map(html -> Response.ok(html, "text/html; charset=UTF-8").header("Content-Language",
                        Pages.language(headers)).build());
    }

    @GET
    @Path("/_history/{versionId}")
    public Uni<Response> vread(@PathParam("type") String type, @PathParam("id") String id,
                               @PathParam("versionId") String versionId,
                               @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        Guard.Reading reading = guard.allowReading(type, Permission.READ);
        return vread.vread(reading.type(), id, versionId)
                .call(stored -> guard.visible(reading, stored, request.baseUrl()) ? Uni.createFrom().voidItem()
                        : audit.refused(reading.caller(), Access.VREAD, stored.versionedUrl(), stored, request.baseUrl())
                        .chain(() -> Uni.createFrom().failure(guard.notVisible(reading, stored))))
                .call(stored -> audit.returned(reading.caller(), Access.VREAD, stored.versionedUrl(), List.of(stored),
                        request.baseUrl()))
                .map(stored -> responses.stored(stored, request.format()));
    }

    @GET
    @Path("/_history")
    public Uni<Response> history(@PathParam("type") String type, @PathParam("id") String id,
                                 @QueryParam("_count") String count, @QueryParam("_since") String since,
                                 @QueryParam("_cursor") String cursor,
                                 @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        String resourceType = guard.allow(type, Permission.READ);
        Caller caller = guard.caller();
        return history.history(resourceType, id, count, since, cursor, request.baseUrl())
                .call(bundle -> audit.returnedParsed(caller, Access.HISTORY_INSTANCE, FhirRequest.relativeTarget(uri),
                        Bundles.resources(bundle), request.baseUrl()))
                .map(bundle -> responses.resource(200, bundle, request.format()));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> update(@PathParam("type") String type, @PathParam("id") String id,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                @HeaderParam("If-Match") String ifMatch, String body,
                                @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        String resourceType = guard.allow(type, Permission.UPDATE);
        Caller caller = guard.caller();
        return preparer.prepare(body, contentType)
                .chain(prepared -> update.update(resourceType, id, prepared, ifMatch, request.baseUrl(), caller))
                .map(outcome -> responses.written(outcome, request));
    }

    @DELETE
    public Uni<Response> delete(@PathParam("type") String type, @PathParam("id") String id,
                                @Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        return delete.delete(guard.allow(type, Permission.DELETE), id, request.baseUrl(), guard.caller())
                .map(outcome -> responses.written(outcome, request));
    }
}
