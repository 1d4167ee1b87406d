package org.hrgateway.federation;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A province call's deadline, as headers give it; a search's query as peers are asked it. */
class ProvinceCallTest {

    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");

    @Test
    void givenNoDeadlineHeader_whenACallStarts_thenTheConfiguredBudgetIsTheDeadline() {
        assertEquals(NOW.plusSeconds(2), ProvinceCall.of(NOW, Duration.ofSeconds(2), null, null).deadline());
    }

    @Test
    void givenACallersSoonerDeadline_whenACallStarts_thenItIsKept_andALaterOneIsNot() {
        assertEquals(NOW.plusMillis(500), ProvinceCall.of(NOW, Duration.ofSeconds(2), "2026-12-05T08:00:00.500Z", null).deadline());
        assertEquals(NOW.plusSeconds(2), ProvinceCall.of(NOW, Duration.ofSeconds(2), "2026-12-05T09:00:00Z", null).deadline());
    }

    @Test
    void givenADeadlineThatIsNotAnInstant_whenACallStarts_thenItIs400() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> ProvinceCall.of(NOW, Duration.ofSeconds(2), "in two seconds", null));
        assertTrue(refused.getMessage().contains("X-HR-Deadline"), refused.getMessage());
    }

    @Test
    void givenTheRequestsId_whenACallStarts_thenPeersAreSentIt_andOneIsMadeWhenThereIsNone() {
        assertEquals("req-42", ProvinceCall.of(NOW, Duration.ofSeconds(2), null, "req-42").requestId());
        assertEquals(36, ProvinceCall.of(NOW, Duration.ofSeconds(2), null, null).requestId().length());
    }

    @Test
    void givenSearchParameters_whenWrittenForAPeer_thenValuesAreEncodedAndRepeatsKept() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("subject:Patient.identifier", List.of("http://hr-gateway.org/fhir/sid/resident-id|37 01&x"));
        params.put("date", List.of("ge2026-01-01", "le2026-12-31"));
        assertEquals("subject:Patient.identifier=http:%2F%2Fhr-gateway.org%2Ffhir%2Fsid%2Fresident-id%7C37%2001%26x"
                + "&date=ge2026-01-01&date=le2026-12-31", ProvinceFanOut.query(params));
    }
}
