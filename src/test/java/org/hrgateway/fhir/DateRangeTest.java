package org.hrgateway.fhir;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one reading of FHIR time. Every expectation is an instant written with its offset, so the
 * answers cannot depend on the JVM's zone (the build runs this class in three zones, pom.xml).
 */
class DateRangeTest {

    private static final ZoneId SHANDONG = ZoneId.of("Asia/Shanghai");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026,                          2025-12-31T16:00:00Z, 2026-12-31T15:59:59.999Z",
            "2026-02,                       2026-01-31T16:00:00Z, 2026-02-28T15:59:59.999Z",
            "2024-02,                       2024-01-31T16:00:00Z, 2024-02-29T15:59:59.999Z",
            "2024-02-29,                    2024-02-28T16:00:00Z, 2024-02-29T15:59:59.999Z",
            "2026-09-30,                    2026-09-29T16:00:00Z, 2026-09-30T15:59:59.999Z",
            "2026-11-20T08:30,              2026-11-20T00:30:00Z, 2026-11-20T00:30:59.999Z",
            "2026-11-20T08:30+08:00,        2026-11-20T00:30:00Z, 2026-11-20T00:30:59.999Z",
            "2026-11-20T08:30:15Z,          2026-11-20T08:30:15Z, 2026-11-20T08:30:15.999Z",
            "2026-11-20T08:30:15.5-05:00,   2026-11-20T13:30:15.500Z, 2026-11-20T13:30:15.599Z",
            "2026-11-20T08:30:15.123+14:00, 2026-11-19T18:30:15.123Z, 2026-11-19T18:30:15.123Z",
            "2026-12-31T23:59:59+08:00,     2026-12-31T15:59:59Z, 2026-12-31T15:59:59.999Z",
    })
    void givenEveryPrecision_whenParsed_thenTheRangeItCovers(String value, String low, String high) {
        DateRange range = DateRange.parse(value, SHANDONG).orElseThrow();

        assertEquals(Instant.parse(low), range.low());
        assertEquals(Instant.parse(high), range.high());
    }

    @ParameterizedTest
    @CsvSource({"2026-02-30", "2026-13", "2025-02-29", "26-11-20", "2026-11-20T25:00", "2026-11-20 08:30", "tomorrow"})
    void givenNoValidFhirTime_whenParsed_thenEmpty(String value) {
        assertEquals(Optional.empty(), DateRange.parse(value, SHANDONG));
    }

    @Test
    void givenHapiElements_whenRead_thenTheSameRangesAsTheirText() {
        assertEquals(DateRange.parse("2026-09-30", SHANDONG), DateRange.of(new DateType("2026-09-30"), SHANDONG));
        assertEquals(DateRange.parse("2026-09", SHANDONG), DateRange.of(new DateTimeType("2026-09"), SHANDONG));
        assertEquals(DateRange.parse("2026-10-01T05:20:03+08:00", SHANDONG),
                DateRange.of(new InstantType("2026-10-01T05:20:03+08:00"), SHANDONG));
        assertEquals(Optional.empty(), DateRange.of(new DateTimeType(), SHANDONG));
    }

    @Test
    void givenPeriod_whenRead_thenFromItsStartsFirstInstantToItsEndsLast() {
        Period period = new Period().setStartElement(new DateTimeType("2025-10-01")).setEndElement(new DateTimeType("2026-09-30"));

        DateRange range = DateRange.of(period, SHANDONG).orElseThrow();

        assertEquals(Instant.parse("2025-09-30T16:00:00Z"), range.low());
        assertEquals(Instant.parse("2026-09-30T15:59:59.999Z"), range.high());
    }

    @Test
    void givenOpenPeriod_whenRead_thenTheOpenEndIsFarAway() {
        DateRange noEnd = DateRange.of(new Period().setStartElement(new DateTimeType("2026-01-01")), SHANDONG).orElseThrow();
        DateRange noStart = DateRange.of(new Period().setEndElement(new DateTimeType("2026-01-01")), SHANDONG).orElseThrow();

        assertEquals(DateRange.FAR_FUTURE, noEnd.high());
        assertEquals(DateRange.FAR_PAST, noStart.low());
        assertEquals(Optional.empty(), DateRange.of(new Period(), SHANDONG));
    }

    @Test
    void givenTheEndOfTheDay_whenComparedAcrossTheBoundary_thenTheNextMorningIsOutside() {
        DateRange lastDay = DateRange.parse("2026-09-30", SHANDONG).orElseThrow();
        Instant nextMorning = DateRange.parse("2026-10-01T05:20:03+08:00", SHANDONG).orElseThrow().low();
        Instant lastMinute = DateRange.parse("2026-09-30T23:59:00+08:00", SHANDONG).orElseThrow().low();

        assertTrue(nextMorning.isAfter(lastDay.high()));
        assertTrue(!lastMinute.isAfter(lastDay.high()));
    }
}
