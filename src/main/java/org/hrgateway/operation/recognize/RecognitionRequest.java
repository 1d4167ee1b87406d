package org.hrgateway.operation.recognize;

import ca.uhn.fhir.parser.DataFormatException;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.hrgateway.operation.OperationErrors;
import org.hrgateway.operation.OperationInput;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A `$recognize` call as read from its Parameters: every malformed or missing input is a 400 here,
 * before anything is searched.
 *
 * @param patient   the resident id (system level), or null at instance level
 * @param requester the ordering institution, or null
 * @param scope     `local` or `province`
 * @param targetCity with scope=province, the `target-city` values (cities to ask), empty for the default
 */
record RecognitionRequest(Identifier patient, List<Coding> codes, Reference requester, Instant at, String scope,
                          List<String> targetCity) {

    boolean province() {
        return scope.equals("province");
    }

    static RecognitionRequest of(OperationInput input) {
        // Names, counts and types are checked against the OperationDefinition before this; what
        // remains is what the definition cannot say.
        if (input.parameters().isEmpty()) {
            throw OperationErrors.invalid("$recognize takes a Parameters resource in the body");
        }
        List<Coding> codes = new ArrayList<>();
        for (Type value : input.values("code")) {
            Coding coding = (Coding) value;
            if (!coding.hasSystem() || !coding.hasCode()) {
                throw OperationErrors.invalid("Parameter 'code' must be a valueCoding with a system and a code");
            }
            codes.add(coding);
        }
        Identifier patient = null;
        if (input.id() == null) {
            patient = (Identifier) input.value("patient").orElse(null);
            if (patient == null || !patient.hasSystem() || !patient.hasValue()) {
                throw OperationErrors.invalid("At the system level $recognize needs 'patient' as a valueIdentifier"
                        + " with a system and a value (the resident id)");
            }
        } else if (input.value("patient").isPresent()) {
            throw OperationErrors.invalid("Parameter 'patient' is for the system level; this call names the Patient in its URL");
        }
        Reference requester = (Reference) input.value("requester").orElse(null);
        String scope = input.string("scope").orElse("local");
        if (!scope.equals("local") && !scope.equals("province")) {
            throw OperationErrors.invalid("Parameter 'scope' is 'local' or 'province', not '" + scope + "'");
        }
        List<String> targetCity = input.strings("target-city");
        if (!targetCity.isEmpty() && scope.equals("local")) {
            throw OperationErrors.invalid("Parameter 'target-city' names cities to ask with scope=province");
        }
        return new RecognitionRequest(patient, List.copyOf(codes), requester, at(input), scope, List.copyOf(targetCity));
    }

    private static Instant at(OperationInput input) {
        return input.string("at").map(text -> {
            try {
                DateTimeType at = new DateTimeType(text);
                if (at.getPrecision().ordinal() < ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND.ordinal()
                        || at.getTimeZone() == null) {
                    throw new DataFormatException("not to the second with a time zone");
                }
                return at.getValue().toInstant();
            } catch (DataFormatException | IllegalArgumentException e) {
                throw OperationErrors.invalid("Parameter 'at' must be a dateTime to the second with a time zone,"
                        + " e.g. 2026-11-20T10:00:00+08:00, not '" + text + "'");
            }
        }).orElseGet(Instant::now);
    }
}
