package org.hrgateway.fhir;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Period;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reading of FHIR time: the range of instants a date, dateTime, instant or Period covers at
 * its precision (search.html#date). `2026` is the whole year, `2026-11-20T08:30+08:00` that minute;
 * a value without a zone is read in the gateway's zone (`hr.default-timezone`), never the JVM's.
 * The search index, search values, the recognition rules (result times, EQA certification periods)
 * and the report period all read time here, so a verdict does not depend on where the JVM runs.
 */
public record DateRange(Instant low, Instant high) {

    /** Stand-ins for open ends (a Period without end), inside PostgreSQL's timestamptz range. */
    public static final Instant FAR_PAST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59.999Z");

    private static final Pattern SYNTAX = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(Z|[+-]\\d{2}:\\d{2})?)?)?)?");

    /** The range of a date, dateTime or instant element; empty when it has no (valid) value. */
    public static Optional<DateRange> of(BaseDateTimeType value, ZoneId defaultZone) {
        return value == null || !value.hasValue() ? Optional.empty() : parse(value.getValueAsString(), defaultZone);
    }

    /** A Period from the first instant its start covers to the last its end covers; open ends are far away. */
    public static Optional<DateRange> of(Period period, ZoneId defaultZone) {
        if (period == null || (!period.hasStart() && !period.hasEnd())) {
            return Optional.empty();
        }
        Optional<DateRange> start = of(period.getStartElement(), defaultZone);
        Optional<DateRange> end = of(period.getEndElement(), defaultZone);
        return Optional.of(new DateRange(start.map(DateRange::low).orElse(FAR_PAST),
                end.map(DateRange::high).orElse(FAR_FUTURE)));
    }

    public static Optional<DateRange> parse(String value, ZoneId defaultZone) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = SYNTAX.matcher(value.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            String fraction = m.group(7);
            int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
            LocalDateTime start = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            LocalDateTime end;
            if (m.group(2) == null) {
                end = start.plusYears(1);
            } else if (m.group(3) == null) {
                end = start.plusMonths(1);
            } else if (m.group(4) == null) {
                end = start.plusDays(1);
            } else if (m.group(6) == null) {
                end = start.plusMinutes(1);
            } else if (fraction == null) {
                end = start.plusSeconds(1);
            } else {
                end = start.plusNanos((long) Math.pow(10, 9 - Math.min(fraction.length(), 9)));
            }
            ZoneId zone = m.group(8) == null ? defaultZone
                    : m.group(8).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
            Instant low = start.atZone(zone).toInstant();
            Instant high = end.atZone(zone).toInstant().minus(1, ChronoUnit.MILLIS);
            return Optional.of(new DateRange(low.truncatedTo(ChronoUnit.MILLIS), high.isBefore(low) ? low : high));
        } catch (RuntimeException e) {
            return Optional.empty(); // 2026-02-30 and the like
        }
    }
}
