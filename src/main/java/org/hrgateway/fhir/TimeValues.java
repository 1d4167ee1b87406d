package org.hrgateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Refuses, at the door, date, dateTime and instant values their FHIR type forbids and HAPI's parser
 * lets through: an `instant` without a time and zone (`"issued":"2026-11-20"`, which then failed every
 * `$recognize` of the patient), year 0 (`0000-01-01`, which PostgreSQL refuses), a time without
 * seconds or zone, a day that does not exist. datatypes.html#date, #dateTime, #instant.
 */
public final class TimeValues {

    private static final Pattern DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}(-\\d{2}(-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2}))?)?)?");
    private static final Pattern INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private TimeValues() {
    }

    public static void check(IBaseResource resource, FhirContext context) {
        FhirTerser terser = context.newTerser();
        for (BaseDateTimeType value : terser.getAllPopulatedChildElementsOfType(resource, BaseDateTimeType.class)) {
            String text = value.getValueAsString();
            if (text == null) {
                continue;
            }
            String type = value instanceof InstantType ? "instant" : value instanceof DateType ? "date" : "dateTime";
            Pattern form = value instanceof InstantType ? INSTANT : value instanceof DateType ? DATE : DATE_TIME;
            if (!form.matcher(text).matches() || text.startsWith("0000") || DateRange.parse(text, ZoneOffset.UTC).isEmpty()) {
                throw invalid("'" + text + "' is not a valid FHIR " + type + hint(type));
            }
        }
    }

    private static String hint(String type) {
        return switch (type) {
            case "instant" -> ": an instant has a date, a time to the second and a zone, e.g. 2026-11-20T08:30:00+08:00";
            case "date" -> ": a date is YYYY, YYYY-MM or YYYY-MM-DD, from year 0001";
            default -> ": a dateTime is YYYY, YYYY-MM, YYYY-MM-DD, or a date and a time to the second with a zone,"
                    + " from year 0001";
        };
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, Outcomes.error(IssueType.VALUE, message));
    }
}
