package org.hrgateway.operation.report;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hrgateway.operation.OperationErrors;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The report's period: a date counts from its first instant to its last, a dateTime as given. */
record ReportPeriod(Instant start, Instant end) {

    static ReportPeriod of(String start, String end, ZoneId zone) {
        ReportPeriod period = new ReportPeriod(bound(start, "period-start", false, zone), bound(end, "period-end", true, zone));
        if (period.end().isBefore(period.start())) {
            throw OperationErrors.invalid("period-end " + end + " is before period-start " + start);
        }
        return period;
    }

    boolean covers(Instant when) {
        return when != null && !when.isBefore(start) && !when.isAfter(end);
    }

    private static Instant bound(String text, String name, boolean end, ZoneId zone) {
        if (text == null) {
            throw OperationErrors.required("$recognition-report needs '" + name + "' (a date or dateTime)");
        }
        try {
            DateTimeType value = new DateTimeType(text);
            if (value.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal()) {
                return value.getValue().toInstant();
            }
            // A date alone is read in the gateway's time zone, as clinicians and authorities mean it.
            ZonedDateTime first = ZonedDateTime.of(value.getYear(), value.getMonth() + 1,
                    value.getPrecision() == TemporalPrecisionEnum.DAY ? value.getDay() : 1, 0, 0, 0, 0, zone);
            if (!end) {
                return first.toInstant();
            }
            ZonedDateTime next = switch (value.getPrecision()) {
                case YEAR -> first.plusYears(1);
                case MONTH -> first.plusMonths(1);
                default -> first.plusDays(1);
            };
            return next.toInstant().minusMillis(1);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw OperationErrors.invalid("'" + name + "' must be a date or dateTime, not '" + text + "'");
        }
    }
}
