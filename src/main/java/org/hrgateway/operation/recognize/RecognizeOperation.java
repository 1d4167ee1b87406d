package org.hrgateway.operation.recognize;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.federation.ProvinceCall;
import org.hrgateway.federation.ProvinceFanOut;
import org.hrgateway.federation.ProvinceFanOut.Chosen;
import org.hrgateway.federation.ProvinceOutcome;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.operation.FhirOperation;
import org.hrgateway.operation.OperationErrors;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.operation.SearchedResources;
import org.hrgateway.security.Access;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.search.PersonResultsQuery;
import org.hrgateway.telemetry.GatewayMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `$recognize` (OperationDefinition `recognize` in fhir-profiles/): `POST [base]/Patient/[id]/$recognize`
 * or `POST [base]/$recognize` with the patient's resident id. Reads the call ({@link RecognitionRequest}),
 * asks the {@link Recognizer} per requested code, answers a Parameters resource and records the call
 * ({@link RecognitionAudit}).
 */
@ApplicationScoped
public class RecognizeOperation implements FhirOperation {

    public static final String DEFINITION = "http://hr-gateway.org/fhir/OperationDefinition/recognize";

    private final Recognizer recognizer;
    private final RecognitionAudit audit;
    private final ProvinceFanOut fanOut;
    private final ProvinceCandidates province;
    private final SearchedResources searched;
    private final GatewayConfig config;
    private final GatewayMetrics metrics;

    public RecognizeOperation(Recognizer recognizer, RecognitionAudit audit, ProvinceFanOut fanOut,
                              ProvinceCandidates province, SearchedResources searched, GatewayConfig config,
                              GatewayMetrics metrics) {
        this.metrics = metrics;
        this.recognizer = recognizer;
        this.audit = audit;
        this.fanOut = fanOut;
        this.province = province;
        this.searched = searched;
        this.config = config;
    }

    @Override
    public String definition() {
        return DEFINITION;
    }

    /** It reads the person's results: read on both result types. */
    @Override
    public void authorize(Caller caller, OperationInput input) {
        Access.require(caller, "Observation", Permission.READ);
        Access.require(caller, "DiagnosticReport", Permission.READ);
    }

    @Override
    public Uni<Resource> invoke(OperationInput input) {
        RecognitionRequest request = RecognitionRequest.of(input);
        return request.province() ? inProvince(input, request) : local(input, request);
    }

    private Uni<Resource> local(OperationInput input, RecognitionRequest request) {
        return patients(input, request)
                .chain(patients -> recognizer.recognize(request.codes(), patients, request.at(), input.baseUrl()))
                .invoke(recognition -> requireKnown(recognition, input, request))
                .invoke(recognition -> counted("city", recognition.recommendations()))
                .call(recognition -> audit.record(request, recognition.patients(), recognition.recommendations(),
                        requestId(input), null))
                .map(recognition -> RecognitionResponse.of(recognition.recommendations(), recognizer.reasons()));
    }

    /**
     * scope=province: this city's results and those the chosen cities hold for the person's resident
     * id, judged together. A person not held here may still be asked about by resident id.
     */
    private Uni<Resource> inProvince(OperationInput input, RecognitionRequest request) {
        String city = fanOut.city().orElseThrow(() -> OperationErrors.invalid("scope=province needs this gateway to"
                + " be part of a province: set hr.city and hr.federation.peers"));
        ProvinceCall call = ProvinceCall.of(Instant.now(), config.federation().deadline(), null, requestId(input));
        Uni<List<Identifier>> residentIds = input.id() == null ? Uni.createFrom().item(List.of(request.patient()))
                : residentIds(input.id(), input.baseUrl());
        return residentIds.chain(ids -> fanOut.choose(request.targetCity(), ids.stream()
                        .map(id -> new String[]{id.getSystem(), id.getValue()}).toList())
                .chain(chosen -> judgedInProvince(input, request, city, chosen, call, province.gather(chosen.peers(), ids,
                        recognizer.items(request.codes()), recognizer.data(), call))));
    }

    /** This city's candidates and those `gathered` from the chosen cities, judged, recorded and answered. */
    private Uni<Resource> judgedInProvince(OperationInput input, RecognitionRequest request, String city, Chosen chosen,
                                           ProvinceCall call, Uni<ProvinceCandidates.Gathered> gathered) {
        return patients(input, request)
                .chain(patients -> recognizer.recognizeInProvince(request.codes(), patients, request.at(),
                        input.baseUrl(), chosen.home(), gathered))
                .invoke(recognition -> {
                    if (input.id() != null) {
                        requireKnown(recognition, input, request);
                    }
                })
                .invoke(recognition -> counted("province", recognition.recommendations()))
                .chain(recognition -> {
                    List<String> answered = new ArrayList<>();
                    if (chosen.home()) {
                        answered.add(city + " (this gateway)");
                    }
                    answered.addAll(recognition.province().answered());
                    OperationOutcomeIssueComponent consulted = ProvinceOutcome.consulted(chosen.how(), answered,
                            recognition.province().missing());
                    List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
                    issues.add(consulted);
                    issues.addAll(recognition.province().issues());
                    Map<String, String> cityByBase = new LinkedHashMap<>();
                    cityByBase.put(input.baseUrl(), city);
                    chosen.peers().forEach(peer -> cityByBase.put(peer.baseUrl(), peer.city()));
                    RecognitionResponse.Province how = new RecognitionResponse.Province(city, input.baseUrl(), cityByBase,
                            issues, Instant.now());
                    return audit.record(request, recognition.patients(), recognition.recommendations(), call.requestId(),
                                    consulted.getDetails().getText())
                            .map(ignored -> RecognitionResponse.of(recognition.recommendations(), recognizer.reasons(), how));
                });
    }

    private Uni<List<String>> patients(OperationInput input, RecognitionRequest request) {
        return input.id() != null
                ? Uni.createFrom().item(List.of(input.id()))
                : recognizer.search().byIdentifier(request.patient(), input.baseUrl());
    }

    /** The Patient's resident ids, the only identifiers of it that other cities are asked by. */
    private Uni<List<Identifier>> residentIds(String id, String baseUrl) {
        String system = config.federation().residentIdSystem();
        return searched.firstPage("Patient", Map.of("_id", List.of(id)), baseUrl)
                .map(found -> found.stream()
                        .filter(Patient.class::isInstance)
                        .flatMap(patient -> ((Patient) patient).getIdentifier().stream())
                        .filter(identifier -> system.equals(identifier.getSystem()) && identifier.hasValue())
                        .toList());
    }

    /** A call answered: counted with what each item came to (telemetry/GatewayMetrics). */
    private void counted(String scope, List<Recommendation> recommendations) {
        metrics.recognizeCall(scope);
        recommendations.forEach(recommendation -> metrics.recognizeResult(recommendation.outcome(), recommendation.reason()));
    }

    private static String requestId(OperationInput input) {
        return input.caller() == null ? null : input.caller().requestId();
    }

    /** 404 for a patient not known here, 410 for a deleted one, as a read of it would answer. */
    private static void requireKnown(Recognizer.Recognition recognition, OperationInput input, RecognitionRequest request) {
        if (!recognition.patients().isEmpty()) {
            return;
        }
        if (recognition.given().stream().anyMatch(PersonResultsQuery.Given::deleted)) {
            String message = "Patient/" + input.id() + " was deleted";
            throw new ResourceGoneException(message, Outcomes.error(IssueType.DELETED, message));
        }
        String message = input.id() != null ? "Patient/" + input.id() + " is not known"
                : "No Patient with identifier " + request.patient().getSystem() + "|" + request.patient().getValue()
                + " is known here";
        throw new ResourceNotFoundException(message, Outcomes.error(IssueType.NOTFOUND, message));
    }
}
