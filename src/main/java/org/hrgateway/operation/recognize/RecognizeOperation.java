package org.hrgateway.operation.recognize;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.Type;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.fhir.Lazy;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.operation.FhirOperation;
import org.hrgateway.operation.OperationErrors;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.terminology.LabItemCatalogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * `$recognize` (OperationDefinition `recognize` in fhir-profiles/): `POST [base]/Patient/[id]/$recognize`
 * or `POST [base]/$recognize` with the patient's resident id. Reads the call, finds the person's
 * results ({@link CandidateSearch}), applies {@link RecognitionRules} per requested code, answers
 * a Parameters resource and records the call ({@link RecognitionAudit}).
 */
@ApplicationScoped
public class RecognizeOperation implements FhirOperation {

    static final String DEFINITION = "http://hr-gateway.org/fhir/OperationDefinition/recognize";

    private final ProfilePackage profiles;
    private final CandidateSearch search;
    private final RecognitionAudit audit;
    private final Lazy<Package> parts = new Lazy<>(this::readPackage);

    /** What the rules take from the profile package. */
    private record Package(LabItemCatalogue catalogue, RecognitionData data, CodeSystem reasons) {
    }

    public RecognizeOperation(ProfilePackage profiles, CandidateSearch search, RecognitionAudit audit) {
        this.profiles = profiles;
        this.search = search;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "recognize";
    }

    @Override
    public String definition() {
        return DEFINITION;
    }

    @Override
    public boolean answers(String type, boolean instance) {
        return type == null || (instance && "Patient".equals(type));
    }

    @Override
    public Uni<Resource> invoke(OperationInput input) {
        RecognitionRequest request = RecognitionRequest.of(input);
        Package data = parts.get();
        Uni<List<String>> patients = input.id() != null
                ? search.samePerson(input.id(), input.baseUrl())
                : search.byIdentifier(request.patient(), input.baseUrl());
        return patients
                .chain(found -> {
                    if (found.isEmpty()) {
                        String who = input.id() != null ? "Patient/" + input.id()
                                : "No Patient with identifier " + request.patient().getSystem() + "|" + request.patient().getValue();
                        return Uni.createFrom().failure(new ResourceNotFoundException(who + " is not known here",
                                Outcomes.error(IssueType.NOTFOUND, who + " is not known here")));
                    }
                    return recommendAll(request, found, data, input.baseUrl())
                            .chain(recommendations -> audit.record(request, found, recommendations)
                                    .replaceWith(RecognitionResponse.of(recommendations, data.reasons(), request.warnings())));
                });
    }

    private Uni<List<Recommendation>> recommendAll(RecognitionRequest request, List<String> patients, Package data,
                                                   String baseUrl) {
        Uni<List<Recommendation>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Coding code : request.codes()) {
            chain = chain.chain(done -> recommend(code, patients, request.at(), data, baseUrl).map(next -> {
                done.add(next);
                return done;
            }));
        }
        return chain;
    }

    private Uni<Recommendation> recommend(Coding code, List<String> patients, Instant at, Package data, String baseUrl) {
        var item = data.catalogue().system().equals(code.getSystem()) ? data.catalogue().item(code.getCode())
                : java.util.Optional.<LabItemCatalogue.Item>empty();
        if (item.isEmpty()) {
            return Uni.createFrom().item(RecognitionRules.recommend(code.getSystem(), code.getCode(), item, List.of(),
                    java.util.Map.of(), at));
        }
        return search.candidates(patients, code.getSystem(), code.getCode(), data.data(), baseUrl)
                .map(found -> RecognitionRules.recommend(code.getSystem(), code.getCode(), item, found.candidates(),
                        found.certifications(), at));
    }

    private Package readPackage() {
        return new Package(LabItemCatalogue.of(profiles),
                new RecognitionData(packageUrl(StructureDefinition.class, "recognition-mark"),
                        packageUrl(StructureDefinition.class, "eqa-certification")),
                profiles.resourcesOf(CodeSystem.class).stream()
                        .filter(cs -> "mr-recognition-reason".equals(cs.getIdElement().getIdPart())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("The profile package has no CodeSystem mr-recognition-reason")));
    }

    private String packageUrl(Class<? extends org.hl7.fhir.r4.model.MetadataResource> type, String id) {
        return profiles.resourcesOf(type).stream()
                .filter(resource -> id.equals(resource.getIdElement().getIdPart())).findFirst()
                .map(org.hl7.fhir.r4.model.MetadataResource::getUrl)
                .orElseThrow(() -> new IllegalStateException("The profile package has no " + type.getSimpleName() + " " + id));
    }
}
