package org.hrgateway.api;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hrgateway.audit.PatientAccessAudit;
import org.hrgateway.capability.CapabilityStatementFactory;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.federation.PeerAnswer;
import org.hrgateway.federation.PeerSearchset;
import org.hrgateway.federation.Peers;
import org.hrgateway.federation.ProvinceBundle;
import org.hrgateway.federation.ProvinceCall;
import org.hrgateway.federation.ProvinceFanOut;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.HttpStatusException;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.fhir.ResourceTypes;
import org.hrgateway.interaction.SearchInteraction;
import org.hrgateway.search.SearchResult;
import org.hrgateway.security.Access;
import org.hrgateway.security.Permission;
import org.hrgateway.view.ReportView;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The province base, `[base]/province` (ADR 0015): a read-only FHIR base whose searches ask this
 * city's store and its peer cities' gateways together, within one deadline, and merge what they say.
 */
@Path("/province")
public class ProvinceResource {

    /** Parameters about the answer's representation: applied here, to the merged Bundle, not sent to peers. */
    private static final Set<String> REPRESENTATION = Set.of("_format", "_pretty", "_summary", "_elements");

    private final GatewayConfig config;
    private final Guard guard;
    private final SearchInteraction search;
    private final ProvinceFanOut fanOut;
    private final PatientAccessAudit audit;
    private final ResourceCodec codec;
    private final ResourceTypes types;
    private final BlockingWork blocking;
    private final CapabilityStatementFactory capabilities;
    private final FhirResponses responses;
    private final ReportView view;

    public ProvinceResource(GatewayConfig config, Guard guard, SearchInteraction search, ProvinceFanOut fanOut,
                            PatientAccessAudit audit, ResourceCodec codec, ResourceTypes types, BlockingWork blocking,
                            CapabilityStatementFactory capabilities, FhirResponses responses, ReportView view) {
        this.view = view;
        this.config = config;
        this.guard = guard;
        this.search = search;
        this.fanOut = fanOut;
        this.audit = audit;
        this.codec = codec;
        this.types = types;
        this.blocking = blocking;
        this.capabilities = capabilities;
        this.responses = responses;
    }

    @GET
    @Path("/metadata")
    public Response capabilities(@Context UriInfo uri, @Context HttpHeaders headers) {
        FhirRequest request = FhirRequest.of(uri, headers, config);
        return responses.resource(200, capabilities.buildProvince(request.baseUrl() + "/province",
                config.federation().types()), request.format());
    }

    /** Search across the province: GET [base]/province/[type]?[params]. */
    @GET
    @Path("/{type: [A-Z][A-Za-z]+}")
    public Uni<Response> search(@PathParam("type") String type, @Context UriInfo uri, @Context HttpHeaders headers) {
        return search(type, new LinkedHashMap<>(uri.getQueryParameters()), uri, headers);
    }

    /** The same with form parameters: POST [base]/province/[type]/_search. */
    @POST
    @Path("/{type: [A-Z][A-Za-z]+}/_search")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> searchByPost(@PathParam("type") String type, MultivaluedMap<String, String> form,
                                      @Context UriInfo uri, @Context HttpHeaders headers) {
        return search(type, TypeResource.withForm(uri, form), uri, headers);
    }

    /**
     * A read of what another city holds, through this gateway, on the caller's behalf:
     * `GET [base]/province/[type]/[id]?target-city=[city]`. The report view (`_format=html`, or a
     * browser's Accept) of a DiagnosticReport or an Observation held elsewhere comes this way (a CDS
     * card links it); this city's own resources are at its own base (303).
     */
    @GET
    @Path("/{type: [A-Z][A-Za-z]+}/{id: [A-Za-z0-9\\-.]{1,64}}")
    public Uni<Response> read(@PathParam("type") String type, @PathParam("id") String id, @Context UriInfo uri,
                              @Context HttpHeaders headers) {
        requireProvince(headers);
        requireProvinceType(type);
        List<String> target = uri.getQueryParameters().get(ProvinceFanOut.TARGET_CITY);
        if (target == null || target.size() != 1 || target.get(0).contains(",") || target.get(0).equals("all")) {
            throw new InvalidRequestException("A read at the province base names the one city that holds the resource:"
                    + " " + ProvinceFanOut.TARGET_CITY + "=[city]");
        }
        String baseUrl = FhirRequest.baseUrl(uri, config);
        ProvinceFanOut.Chosen chosen = fanOut.choose(target);
        if (chosen.home()) {
            return Uni.createFrom().item(Response.seeOther(URI.create(baseUrl + "/" + type + "/" + id
                    + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery()))).build());
        }
        Guard.Reading reading = guard.allowReading(type, Permission.READ);
        if (reading.reach() != Access.Reach.ALL) {
            throw Access.forbidden("The province base is not available to patient/ scopes: a patient's id differs"
                    + " from city to city");
        }
        ProvinceCall call = ProvinceCall.of(Instant.now(), config.federation().deadline(),
                headers.getHeaderString(ProvinceCall.DEADLINE_HEADER), reading.caller().requestId());
        Peers.Peer city = chosen.peers().get(0);
        if (view.shows(type) && Pages.page(uri, headers)) {
            // A report's page shows its results: reading them takes what reading them directly would.
            guard.allowReading("Observation", Permission.READ);
            String language = Pages.language(headers);
            return view.pageFrom(city, type, id, call, baseUrl, language)
                    .map(html -> Response.ok(html, "text/html; charset=UTF-8").header("Content-Language", language).build());
        }
        FhirRequest request = FhirRequest.of(uri, headers, config);
        return fanOut.ask(List.of(city), type + "?_id=" + id, call).map(answers -> answers.get(0))
                .chain(answer -> answer instanceof PeerAnswer.Missing missing
                        ? Uni.createFrom().<String>failure(missing.failure())
                        : blocking.run(() -> PeerSearchset.read(codec, ((PeerAnswer.Answered) answer).body(), types::isServed)
                                .entries().stream().filter(entry -> entry.resource().fhirType().equals(type)
                                        && entry.id().equals(id)).findFirst()
                                .map(entry -> codec.encode(entry.resource(), request.format()))
                                .orElseThrow(() -> new ResourceNotFoundException(type + "/" + id + " is not held by "
                                        + city.city()))))
                .map(body -> Response.ok(body).type(request.format().format().contentType()).build());
    }

    @POST
    @Path("{any: .*}")
    public Response post() {
        throw readOnly();
    }

    @PUT
    @Path("{any: .*}")
    public Response put() {
        throw readOnly();
    }

    @DELETE
    @Path("{any: .*}")
    public Response delete() {
        throw readOnly();
    }

    @PATCH
    @Path("{any: .*}")
    public Response patch() {
        throw readOnly();
    }

    /** A province call from a client of this gateway: never a peer's (no second fan-out), and only in a province. */
    private void requireProvince(HttpHeaders headers) {
        if (headers.getHeaderString(ProvinceCall.HOP_HEADER) != null) {
            throw new InvalidRequestException("A peer's call (" + ProvinceCall.HOP_HEADER + ") is answered from a"
                    + " city's own base, never from its province base: province calls do not fan out again");
        }
        if (fanOut.city().isEmpty()) {
            throw new ResourceNotFoundException("This gateway is not part of a province: set hr.city (and"
                    + " hr.federation.peers to ask other cities)");
        }
    }

    private void requireProvinceType(String type) {
        if (!config.federation().types().contains(type)) {
            throw new ResourceNotFoundException("The province base serves " + String.join(", ",
                    config.federation().types()) + ", not " + type);
        }
    }

    private Uni<Response> search(String type, Map<String, List<String>> params, UriInfo uri, HttpHeaders headers) {
        requireProvince(headers);
        requireProvinceType(type);
        FhirRequest request = FhirRequest.of(uri, headers, config);
        Guard.Reading reading = guard.allowReading(type, Permission.SEARCH);
        if (reading.reach() != Access.Reach.ALL) {
            throw Access.forbidden("The province base is not available to patient/ scopes: a patient's id differs"
                    + " from city to city");
        }
        ProvinceCall call = ProvinceCall.of(Instant.now(), config.federation().deadline(),
                headers.getHeaderString(ProvinceCall.DEADLINE_HEADER), reading.caller().requestId());
        Map<String, List<String>> asked = asked(params);
        String relative = type + "?" + ProvinceFanOut.query(asked);
        return fanOut.choose(params.get(ProvinceFanOut.TARGET_CITY), fanOut.residents(type, params))
                .chain(chosen -> {
                    Uni<Optional<SearchResult>> home = chosen.home()
                            ? search.search(type, asked, request.prefer().strict(), request.baseUrl())
                                    .map(found -> Optional.of(guard.visibleIncludes(reading, found, request.baseUrl())))
                            : Uni.createFrom().item(Optional.empty());
                    return Uni.combine().all().unis(home, fanOut.ask(chosen.peers(), relative, call)).asTuple()
                            .call(both -> both.getItem1().isEmpty() ? Uni.createFrom().voidItem()
                                    : audit.returned(reading.caller(), PatientAccessAudit.Access.SEARCH_TYPE,
                                            "province/" + relative, TypeResource.returned(both.getItem1().get()),
                                            request.baseUrl()))
                            .chain(both -> blocking.run(() -> {
                                ProvinceBundle bundle = new ProvinceBundle(codec, types::isServed,
                                        included -> Access.reachForIncluded(reading.caller(), included)
                                                .filter(Access.Reach.ALL::equals).isPresent(),
                                        perCity(params));
                                both.getItem1().ifPresent(page -> bundle.home(fanOut.homeCity(), request.baseUrl(), page));
                                for (PeerAnswer answer : both.getItem2()) {
                                    bundle.peer(answer);
                                }
                                String self = request.baseUrl() + "/province/" + type + "?"
                                        + ProvinceFanOut.query(withTarget(asked, params));
                                return codec.encode(bundle.build(self, chosen.how()), request.format());
                            }));
                })
                .map(body -> Response.ok(body).type(request.format().format().contentType()).build());
    }

    /** The parameters each city is asked: the client's, less representation and `target-city`, with the per-city `_count`. */
    private Map<String, List<String>> asked(Map<String, List<String>> params) {
        Map<String, List<String>> asked = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (!REPRESENTATION.contains(name) && !name.equals(ProvinceFanOut.TARGET_CITY) && !name.equals("_count")) {
                asked.put(name, values);
            }
        });
        if (asked.containsKey("_cursor")) {
            throw new InvalidRequestException("Province searches have no further pages: each city's results are"
                    + " capped at _count (at most hr.federation.max-per-city), with a warning when cut");
        }
        asked.put("_count", List.of(Integer.toString(perCity(params))));
        return asked;
    }

    private int perCity(Map<String, List<String>> params) {
        List<String> count = params.get("_count");
        int asked = config.paging().defaultCount();
        if (count != null && !count.isEmpty()) {
            try {
                asked = Integer.parseInt(count.get(0).strip());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("_count '" + count.get(0) + "' is not a whole number");
            }
            if (asked < 0) {
                throw new InvalidRequestException("_count must not be negative");
            }
        }
        return Math.min(asked, config.federation().maxPerCity());
    }

    private static Map<String, List<String>> withTarget(Map<String, List<String>> asked, Map<String, List<String>> params) {
        Map<String, List<String>> self = new LinkedHashMap<>(asked);
        if (params.containsKey(ProvinceFanOut.TARGET_CITY)) {
            self.put(ProvinceFanOut.TARGET_CITY, params.get(ProvinceFanOut.TARGET_CITY));
        }
        return self;
    }

    private static RuntimeException readOnly() {
        return HttpStatusException.methodNotAllowed("The province base is read-only: write to the city's own base,"
                + " which shares each result with the province");
    }
}
