package org.hrgateway.cds;

import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.federation.PeerAnswer;
import org.hrgateway.federation.PeerSearchset;
import org.hrgateway.federation.Peers;
import org.hrgateway.federation.ProvinceCall;
import org.hrgateway.federation.ProvinceFanOut;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.operation.Operations;
import org.hrgateway.operation.SearchedResources;
import org.hrgateway.security.Caller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers a hook call: for each draft laboratory order whose item the patient has a recognizable
 * result for, one card (cds/Cards) that offers to remove the order. Whether a result may be recognized
 * is `$recognize`'s answer, asked through the operation itself ({@link Operations}): the same rules,
 * the same authorization by the caller's token, the same audit and figures as a direct call;
 * `scope=province` where this gateway belongs to a province. Every card given is kept
 * ({@link IssuedCards}) for its feedback.
 */
@ApplicationScoped
public class OrderAdvice {

    private static final String RECOGNIZE = "$recognize";

    private final ResourceCodec codec;
    private final BlockingWork blocking;
    private final Operations operations;
    private final SearchedResources searched;
    private final IssuedCards issued;
    private final WorkstationFhir workstation;
    private final Peers peers;
    private final Cards cards;
    private final ProvinceFanOut fanOut;
    private final java.time.Duration deadline;
    private final String residentIdSystem;
    private final ObjectMapper json = new ObjectMapper();

    public OrderAdvice(ResourceCodec codec, BlockingWork blocking, Operations operations, SearchedResources searched,
                       IssuedCards issued, WorkstationFhir workstation, Peers peers, Cards cards, ProvinceFanOut fanOut,
                       GatewayConfig config) {
        this.fanOut = fanOut;
        this.deadline = config.federation().deadline();
        this.codec = codec;
        this.blocking = blocking;
        this.operations = operations;
        this.searched = searched;
        this.issued = issued;
        this.workstation = workstation;
        this.peers = peers;
        this.cards = cards;
        this.residentIdSystem = config.federation().residentIdSystem();
    }

    /** A result that may be recognized for an item, as `$recognize` answered. */
    record Recognizable(String item, String result, Instant validUntil) {
    }

    /** `{"cards": [...]}` for the call, in `language` (`zh` or `en`). */
    public Uni<ObjectNode> advise(CdsServices.Service service, String body, Caller caller, String baseUrl, String language) {
        return blocking.run(() -> HookCall.read(service, body, codec))
                .chain(call -> call.drafts().isEmpty() ? Uni.createFrom().item(List.<ObjectNode>of())
                        : patient(call).chain(patient -> residentId(patient)
                                .map(resident -> cardsFor(call, resident, caller, baseUrl, language))
                                .orElseGet(() -> Uni.createFrom().item(List.of()))))
                .map(given -> {
                    ObjectNode answer = json.createObjectNode();
                    answer.putArray("cards").addAll(given);
                    return answer;
                });
    }

    private Uni<Patient> patient(HookCall call) {
        if (call.patient() != null) {
            return Uni.createFrom().item(call.patient());
        }
        if (call.fhirServer() == null) {
            String message = "The patient was not prefetched (prefetch." + CdsServices.PATIENT + ") and the call names no"
                    + " fhirServer to read it from";
            return Uni.createFrom().failure(new PreconditionFailedException(message,
                    Outcomes.error(IssueType.INCOMPLETE, message)));
        }
        return workstation.patient(call.fhirServer(), call.fhirToken(), call.patientId());
    }

    /** The resident id: how the gateway and the province know a person, whichever hospital's record this is. */
    private Optional<Identifier> residentId(Patient patient) {
        return patient.getIdentifier().stream()
                .filter(identifier -> residentIdSystem.equals(identifier.getSystem()) && identifier.hasValue())
                .findFirst();
    }

    private Uni<List<ObjectNode>> cardsFor(HookCall call, Identifier resident, Caller caller, String baseUrl,
                                           String language) {
        Map<String, Coding> codes = new LinkedHashMap<>();
        for (ServiceRequest order : call.drafts()) {
            for (Coding coding : order.getCode().getCoding()) {
                if (coding.hasSystem() && coding.hasCode()) {
                    codes.putIfAbsent(key(coding), coding);
                }
            }
        }
        if (codes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String residentId = resident.getSystem() + "|" + resident.getValue();
        return recognize(resident, codes.values(), caller, baseUrl)
                .chain(recognizable -> recognizable.isEmpty() ? Uni.createFrom().item(List.<ObjectNode>of())
                        : localPatient(residentId, baseUrl).chain(patient -> details(recognizable, baseUrl, caller)
                        .chain(details -> give(call, recognizable, details, patient, residentId, baseUrl, language))));
    }

    /** A card for each draft order whose item is recognizable (its first such coding), kept before it is given. */
    private Uni<List<ObjectNode>> give(HookCall call, Map<String, Recognizable> recognizable, Map<String, Cards.Detail> details,
                                       String patient, String residentId, String baseUrl, String language) {
        List<IssuedCards.Card> kept = new ArrayList<>();
        List<ObjectNode> given = new ArrayList<>();
        for (ServiceRequest order : call.drafts()) {
            Recognizable found = order.getCode().getCoding().stream().map(coding -> recognizable.get(key(coding)))
                    .filter(item -> item != null).findFirst().orElse(null);
            if (found == null) {
                continue;
            }
            UUID uuid = UUID.randomUUID();
            kept.add(new IssuedCards.Card(uuid, call.service().id(), patient, residentId, found.item(), found.result(),
                    order.getIdElement().getIdPart(), call.fhirServer(), call.userId(), order.getRequester().getReference(),
                    null));
            given.add(cards.card(uuid, order, found, details.get(found.result()), cityHolding(found.result(), baseUrl),
                    baseUrl, language));
        }
        return issued.keep(kept).replaceWith(given);
    }

    /** The recognizable items, by `system|code`, as `$recognize` answers for the person now. */
    private Uni<Map<String, Recognizable>> recognize(Identifier resident, Iterable<Coding> codes, Caller caller,
                                                      String baseUrl) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("patient").setValue(resident.copy());
        codes.forEach(coding -> parameters.addParameter().setName("code")
                .setValue(new Coding(coding.getSystem(), coding.getCode(), null)));
        boolean province = peers.ownCity().isPresent() && !peers.all().isEmpty();
        if (province) {
            parameters.addParameter().setName("scope").setValue(new CodeType("province"));
        }
        OperationInput input = new OperationInput(null, null, Map.of(), parameters, baseUrl);
        return operations.invoke(RECOGNIZE, false, input, caller)
                .map(answer -> recognizable((Parameters) answer))
                // Not known in this city, and no province to ask: nothing to recognize.
                .onFailure(ResourceNotFoundException.class).recoverWithItem(Map.of());
    }

    private static Map<String, Recognizable> recognizable(Parameters answer) {
        Map<String, Recognizable> found = new LinkedHashMap<>();
        for (ParametersParameterComponent recommendation : answer.getParameter()) {
            if (!recommendation.getName().equals("recommendation") || !"recognized".equals(primitive(recommendation, "outcome"))) {
                continue;
            }
            Coding code = (Coding) part(recommendation, "code").getValue();
            String result = ((Reference) part(recommendation, "result").getValue()).getReference();
            Instant validUntil = ((DateTimeType) part(recommendation, "valid-until").getValue()).getValue().toInstant();
            found.put(key(code), new Recognizable(key(code), result, validUntil));
        }
        return found;
    }

    /** This gateway's Patient of the person, for the records feedback writes; null when none is held here. */
    private Uni<String> localPatient(String residentId, String baseUrl) {
        return searched.ids("Patient", Map.of("identifier", List.of(residentId)), baseUrl)
                .map(ids -> ids.isEmpty() ? null : "Patient/" + ids.get(0));
    }

    /**
     * Each recognizable result with its performing institution, by the reference `$recognize` gave
     * (relative, or absolute in a province): read here for this city's, and from the city that holds
     * it for another's (one search there, on the caller's behalf, within the province deadline).
     */
    private Uni<Map<String, Cards.Detail>> details(Map<String, Recognizable> recognizable, String baseUrl, Caller caller) {
        Map<String, String> local = new LinkedHashMap<>();
        Map<Peers.Peer, Map<String, String>> remote = new LinkedHashMap<>();
        for (Recognizable found : recognizable.values()) {
            String result = found.result();
            String relative = result.startsWith(baseUrl + "/") ? result.substring(baseUrl.length() + 1) : result;
            if (relative.startsWith("Observation/")) {
                local.put(relative.substring("Observation/".length()), result);
                continue;
            }
            peers.all().stream().filter(peer -> result.startsWith(peer.baseUrl() + "/Observation/")).findFirst()
                    .ifPresent(peer -> remote.computeIfAbsent(peer, key -> new LinkedHashMap<>())
                            .put(result.substring(peer.baseUrl().length() + "/Observation/".length()), result));
        }
        Map<String, Cards.Detail> details = new LinkedHashMap<>();
        Uni<Map<String, Cards.Detail>> chain = local.isEmpty() ? Uni.createFrom().item(details)
                : searched.firstPage("Observation", Map.of("_id", List.of(String.join(",", local.keySet()))), baseUrl)
                .chain(observations -> {
                    List<String> labs = observations.stream().map(Observation.class::cast)
                            .flatMap(observation -> observation.getPerformer().stream()).map(Reference::getReference)
                            .filter(reference -> reference != null && reference.startsWith("Organization/"))
                            .map(reference -> reference.substring("Organization/".length())).distinct().toList();
                    Uni<List<Resource>> organizations = labs.isEmpty() ? Uni.createFrom().item(List.of())
                            : searched.firstPage("Organization", Map.of("_id", List.of(String.join(",", labs))), baseUrl);
                    return organizations.map(found -> {
                        List<Resource> all = new ArrayList<>(observations);
                        all.addAll(found);
                        add(all, local, details);
                        return details;
                    });
                });
        if (remote.isEmpty()) {
            return chain;
        }
        ProvinceCall call = ProvinceCall.of(Instant.now(), deadline, null, caller == null ? null : caller.requestId());
        for (Map.Entry<Peers.Peer, Map<String, String>> city : remote.entrySet()) {
            String search = "Observation?_id=" + String.join(",", city.getValue().keySet()) + "&_include=Observation:performer";
            chain = chain.chain(into -> fanOut.ask(List.of(city.getKey()), search, call).chain(answers ->
                    answers.get(0) instanceof PeerAnswer.Answered answered
                            ? blocking.run(() -> {
                                try {
                                    add(PeerSearchset.read(codec, answered.body(), any -> true).entries().stream()
                                            .map(PeerSearchset.Entry::resource).toList(), city.getValue(), into);
                                } catch (RuntimeException unusable) {
                                    // The card is still given, naming the city; the details are what could not be read.
                                }
                                return into;
                            })
                            : Uni.createFrom().item(into)));
        }
        return chain;
    }

    /** The Observations among `found` that `wanted` names (id → the reference given), each with its performing Organization. */
    private static void add(List<Resource> found, Map<String, String> wanted, Map<String, Cards.Detail> into) {
        Map<String, Organization> labs = new LinkedHashMap<>();
        found.stream().filter(Organization.class::isInstance).forEach(organization -> labs.put("Organization/"
                + organization.getIdElement().getIdPart(), (Organization) organization));
        for (Resource resource : found) {
            if (resource instanceof Observation observation && wanted.containsKey(observation.getIdElement().getIdPart())) {
                Organization lab = observation.getPerformer().stream().map(reference -> labs.get(reference.getReference()))
                        .filter(organization -> organization != null).findFirst().orElse(null);
                into.put(wanted.get(observation.getIdElement().getIdPart()), new Cards.Detail(observation, lab));
            }
        }
    }

    /** The city whose gateway holds a result from elsewhere (its absolute URL), or null when it is held here. */
    private String cityHolding(String result, String baseUrl) {
        if (!result.contains("://") || result.startsWith(baseUrl + "/")) {
            return null;
        }
        return peers.all().stream().filter(peer -> result.startsWith(peer.baseUrl() + "/"))
                .map(Peers.Peer::city).findFirst().orElse("?");
    }

    static String key(Coding coding) {
        return coding.getSystem() + "|" + coding.getCode();
    }

    private static ParametersParameterComponent part(ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(part -> part.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("$recognize answered a recommendation without " + name));
    }

    private static String primitive(ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(part -> part.getName().equals(name)).findFirst()
                .map(part -> part.getValue().primitiveValue()).orElse(null);
    }
}
