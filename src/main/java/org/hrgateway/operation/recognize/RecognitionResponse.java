package org.hrgateway.operation.recognize;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;

import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/** The `$recognize` answer: one `recommendation` part per requested code, as its OperationDefinition says. */
final class RecognitionResponse {

    private RecognitionResponse() {
    }

    static Parameters of(List<Recommendation> recommendations, CodeSystem reasons, List<String> warnings) {
        Parameters parameters = new Parameters();
        for (Recommendation recommendation : recommendations) {
            ParametersParameterComponent part = parameters.addParameter().setName("recommendation");
            part.addPart().setName("code").setValue(new Coding(recommendation.system(), recommendation.code(), null));
            part.addPart().setName("outcome").setValue(new CodeType(recommendation.outcome()));
            if (recommendation.chosen() != null) {
                part.addPart().setName("result").setValue(new Reference(recommendation.chosen().candidate().reference()));
                part.addPart().setName("valid-until").setValue(dateTime(recommendation.validUntil()));
            }
            if (recommendation.reason() != null) {
                part.addPart().setName("reason").setValue(reason(reasons, recommendation.reason()));
            }
            for (Verdict verdict : recommendation.candidates()) {
                ParametersParameterComponent candidate = part.addPart().setName("candidate");
                candidate.addPart().setName("result").setValue(new Reference(verdict.candidate().reference()));
                candidate.addPart().setName("outcome").setValue(new CodeType(verdict.recognizable()
                        ? Recommendation.RECOGNIZED : Recommendation.NOT_RECOGNIZED));
                if (verdict.reason() != null) {
                    candidate.addPart().setName("reason").setValue(reason(reasons, verdict.reason()));
                }
            }
        }
        if (!warnings.isEmpty()) {
            OperationOutcome outcome = new OperationOutcome();
            warnings.forEach(warning -> outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING)
                    .setCode(OperationOutcome.IssueType.INCOMPLETE).setDiagnostics(warning));
            parameters.addParameter().setName("outcome").setResource(outcome);
        }
        return parameters;
    }

    /** The reason with its display from the package's CodeSystem. */
    private static CodeableConcept reason(CodeSystem reasons, String code) {
        String display = reasons.getConcept().stream().filter(concept -> code.equals(concept.getCode()))
                .map(CodeSystem.ConceptDefinitionComponent::getDisplay).findFirst().orElse(null);
        return new CodeableConcept(new Coding(reasons.getUrl(), code, display));
    }

    private static DateTimeType dateTime(java.time.Instant instant) {
        DateTimeType value = new DateTimeType(Date.from(instant));
        value.setTimeZone(TimeZone.getTimeZone("UTC"));
        return value;
    }
}
