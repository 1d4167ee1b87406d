package org.hrgateway.search.index;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Timing;
import org.hrgateway.fhir.DateRange;

import java.time.ZoneId;
import java.util.Set;

/** Date values (search.html#date) from date, dateTime, instant, Period and Timing elements. */
final class DateExtractor {

    private DateExtractor() {
    }

    static void extract(String param, IBase value, ZoneId zone, Set<DateRow> out) {
        if (value instanceof BaseDateTimeType date) {
            DateRange.of(date, zone).ifPresent(range -> out.add(row(param, range)));
        } else if (value instanceof Period period) {
            DateRange.of(period, zone).ifPresent(range -> out.add(row(param, range)));
        } else if (value instanceof Timing timing) {
            timing.getEvent().forEach(event -> DateRange.of(event, zone).ifPresent(range -> out.add(row(param, range))));
        }
    }

    private static DateRow row(String param, DateRange range) {
        return new DateRow(param, range.low(), range.high());
    }
}
