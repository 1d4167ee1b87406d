package org.hrgateway.operation.report;

import org.hrgateway.fhir.DateRange;
import org.hrgateway.operation.OperationErrors;

import java.time.Instant;
import java.time.ZoneId;

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
        // A date alone is read in the gateway's time zone, as clinicians and authorities mean it.
        DateRange range = DateRange.parse(text, zone).orElseThrow(() ->
                OperationErrors.invalid("'" + name + "' must be a date or dateTime, not '" + text + "'"));
        return end ? range.high() : range.low();
    }
}
