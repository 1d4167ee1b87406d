package org.hrgateway.operation.recognize;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.fhir.Outcomes;
import org.hrgateway.operation.FhirOperation;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.security.Access;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.search.PersonResultsQuery;

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
        Uni<List<String>> asked = input.id() != null
                ? Uni.createFrom().item(List.of(input.id()))
                : recognizer.search().byIdentifier(request.patient(), input.baseUrl());
        return asked.chain(patients -> recognizer.recognize(request.codes(), patients, request.at(), input.baseUrl()))
                .invoke(recognition -> requireKnown(recognition, input, request))
                .call(recognition -> audit.record(request, recognition.patients(), recognition.recommendations()))
                .map(recognition -> RecognitionResponse.of(recognition.recommendations(), recognizer.reasons(),
                        request.warnings()));
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
