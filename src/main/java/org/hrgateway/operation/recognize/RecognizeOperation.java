package org.hrgateway.operation.recognize;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.operation.FhirOperation;
import org.hrgateway.operation.OperationInput;

import java.util.List;

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

    public RecognizeOperation(Recognizer recognizer, RecognitionAudit audit) {
        this.recognizer = recognizer;
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
        CandidateSearch search = recognizer.search();
        Uni<List<String>> patients = input.id() != null
                ? search.samePerson(input.id(), input.baseUrl())
                : search.byIdentifier(request.patient(), input.baseUrl());
        return patients.chain(found -> {
            if (found.isEmpty()) {
                String message = "No Patient with identifier " + request.patient().getSystem() + "|"
                        + request.patient().getValue() + " is known here";
                return Uni.createFrom().failure(new ResourceNotFoundException(message,
                        Outcomes.error(IssueType.NOTFOUND, message)));
            }
            return recognizer.recommend(request.codes(), found, request.at(), input.baseUrl())
                    .chain(recommendations -> audit.record(request, found, recommendations)
                            .replaceWith(RecognitionResponse.of(recommendations, recognizer.reasons(), request.warnings())));
        });
    }
}
