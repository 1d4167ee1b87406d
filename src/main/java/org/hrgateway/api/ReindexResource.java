package org.hrgateway.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.search.index.Reindexer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * `POST [base]/$reindex[?type=Observation]`: rebuilds the search index of stored resources after a
 * SearchParameter changed, on a running gateway (the `reindex` command does the same offline).
 */
// `$` may arrive percent-encoded (%24): the path is matched before decoding.
@Path("/{operation: (\\$|%24)reindex}")
public class ReindexResource {

    private final Reindexer reindexer;
    private final ResourceTypes types;
    private final FhirResponses responses;
    private final GatewayConfig config;

    public ReindexResource(Reindexer reindexer, ResourceTypes types, FhirResponses responses, GatewayConfig config) {
        this.reindexer = reindexer;
        this.types = types;
        this.responses = responses;
        this.config = config;
    }

    @POST
    public Uni<Response> reindex(@QueryParam("type") List<String> typeNames, @Context UriInfo uri,
                                 @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        Set<String> selected = new LinkedHashSet<>();
        typeNames.forEach(name -> selected.add(types.require(name)));
        return reindexer.reindex(selected)
                .map(count -> responses.resource(200, Outcomes.information("Reindexed " + count + " resources"
                        + (selected.isEmpty() ? "" : " of " + selected)), request.format()));
    }
}
