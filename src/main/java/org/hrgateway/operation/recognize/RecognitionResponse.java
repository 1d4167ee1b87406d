package org.hrgateway.operation.recognize;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/** The `$recognize` answer: one `recommendation` part per requested code, as its OperationDefinition says. */
final class RecognitionResponse {

    private RecognitionResponse() {
    }

    /** Participant types of a Provenance's agents. */
    private static final String PARTICIPANT_TYPES = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

    /**
     * How a province answer was made: this gateway (`city` at `base`), the gateway of each city by
     * its base, and the outcome's issues (cities consulted, those that did not answer).
     */
    record Province(String city, String base, Map<String, String> cityByBase, List<OperationOutcomeIssueComponent> issues,
                    Instant recorded) {
    }

    static Parameters of(List<Recommendation> recommendations, CodeSystem reasons) {
        return of(recommendations, reasons, null);
    }

    /** With `province` null for a local answer. */
    static Parameters of(List<Recommendation> recommendations, CodeSystem reasons, Province province) {
        Parameters parameters = new Parameters();
        for (Recommendation recommendation : recommendations) {
            ParametersParameterComponent part = parameters.addParameter().setName("recommendation");
            part.addPart().setName("code").setValue(new Coding(recommendation.system(), recommendation.code(), null));
            part.addPart().setName("outcome").setValue(new CodeType(recommendation.outcome()));
            if (recommendation.chosen() != null) {
                part.addPart().setName("result").setValue(new Reference(recommendation.chosen().candidate().reference()));
                part.addPart().setName("valid-until").setValue(dateTime(recommendation.validUntil()));
                if (province != null) {
                    part.addPart().setName("provenance").setResource(provenance(recommendation.chosen().candidate()
                            .reference(), province));
                }
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
        if (province != null) {
            OperationOutcome outcome = new OperationOutcome();
            province.issues().forEach(outcome::addIssue);
            parameters.addParameter().setName("outcome").setResource(outcome);
        }
        return parameters;
    }

    /**
     * Where a recognized result from the province came from: this gateway assembled the answer, the
     * gateway of the city that holds the result keeps it, and the result is the source.
     */
    private static Provenance provenance(String result, Province province) {
        Provenance provenance = new Provenance();
        provenance.addTarget(new Reference(result));
        provenance.setRecorded(Date.from(province.recorded()));
        provenance.addAgent().setType(new CodeableConcept(new Coding(PARTICIPANT_TYPES, "assembler", "Assembler")))
                .setWho(gateway(province.city(), province.base()));
        province.cityByBase().forEach((base, city) -> {
            if (result.startsWith(base + "/")) {
                provenance.addAgent().setType(new CodeableConcept(new Coding(PARTICIPANT_TYPES, "custodian", "Custodian")))
                        .setWho(gateway(city, base));
            }
        });
        provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(new Reference(result));
        return provenance;
    }

    /** A city's gateway, as a Device named by its FHIR base. */
    private static Reference gateway(String city, String base) {
        return new Reference().setType("Device").setDisplay("HR Gateway, " + city)
                .setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(base));
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
