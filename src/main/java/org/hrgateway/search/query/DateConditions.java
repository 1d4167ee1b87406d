package org.hrgateway.search.query;

import org.hrgateway.fhir.DateRange;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Date comparisons between a search range and a stored range [low, high] (search.html#prefix):
 * eq means the search range contains the stored one, gt that the stored one reaches above it, etc.
 */
final class DateConditions {

    private DateConditions() {
    }

    static DateRange parse(String value, ZoneId zone) {
        return DateRange.parse(value, zone).orElseThrow(() -> CriteriaParser.invalid(
                "'" + value + "' is not a FHIR date, dateTime or instant (e.g. 2026-11-20 or 2026-11-20T08:30:00+08:00)"));
    }

    static void append(Prefix prefix, String low, String high, DateRange search, SqlWriter sql) {
        switch (prefix) {
            case EQ -> contained(low, high, search, sql);
            case NE -> {
                sql.append("not (");
                contained(low, high, search, sql);
                sql.append(")");
            }
            case GT -> sql.append(high).append(" > ").bind(utc(search.high()));
            case LT -> sql.append(low).append(" < ").bind(utc(search.low()));
            case GE -> {
                sql.append("(").append(high).append(" > ").bind(utc(search.high())).append(" or (");
                contained(low, high, search, sql);
                sql.append("))");
            }
            case LE -> {
                sql.append("(").append(low).append(" < ").bind(utc(search.low())).append(" or (");
                contained(low, high, search, sql);
                sql.append("))");
            }
            case SA -> sql.append(low).append(" > ").bind(utc(search.high()));
            case EB -> sql.append(high).append(" < ").bind(utc(search.low()));
            case AP -> {
                // Approximately: the search range widened by a tenth of its distance from now.
                Duration slack = Duration.between(search.low(), Instant.now()).abs().dividedBy(10);
                sql.append(low).append(" <= ").bind(utc(search.high().plus(slack)))
                        .append(" and ").append(high).append(" >= ").bind(utc(search.low().minus(slack)));
            }
            default -> throw new IllegalStateException(prefix.name());
        }
    }

    private static void contained(String low, String high, DateRange search, SqlWriter sql) {
        sql.append(low).append(" >= ").bind(utc(search.low()))
                .append(" and ").append(high).append(" <= ").bind(utc(search.high()));
    }

    static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
