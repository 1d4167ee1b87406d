package org.hrgateway.federation;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.vertx.core.Vertx;
import org.hrgateway.federation.ProvinceFanOut.Chosen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which cities a province call asks, by `target-city`. */
class ProvinceFanOutTest {

    private static final String RESIDENT = "http://hr-gateway.org/fhir/sid/resident-id";
    private static Vertx vertx;
    private static ProvinceFanOut fanOut;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        Peers peers = new Peers(Optional.of("jinan"), Optional.of("heze=http://127.0.0.1:8082/fhir,qingdao=http://127.0.0.1:8083/fhir"),
                Optional.empty(), Duration.ofHours(1), Optional.of("http://127.0.0.1:8081/fhir"), vertx);
        fanOut = new ProvinceFanOut(peers, null, null, RESIDENT);
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @Test
    void givenNoTargetCity_whenChoosing_thenEveryCityIsAsked() {
        Chosen chosen = fanOut.choose(null);
        assertTrue(chosen.home());
        assertEquals(List.of("heze", "qingdao"), cities(chosen));
    }

    @Test
    void givenAll_whenChoosing_thenEveryCityIsAsked() {
        Chosen chosen = fanOut.choose(List.of("all"));
        assertTrue(chosen.home());
        assertEquals(List.of("heze", "qingdao"), cities(chosen));
        assertEquals("target-city=all", chosen.how());
    }

    @Test
    void givenCitiesNamed_whenChoosing_thenOnlyThoseAreAsked_theHomeCityOnlyWhenNamed() {
        Chosen peersOnly = fanOut.choose(List.of("qingdao"));
        assertFalse(peersOnly.home());
        assertEquals(List.of("qingdao"), cities(peersOnly));
        Chosen both = fanOut.choose(List.of("heze,jinan", "heze"));
        assertTrue(both.home());
        assertEquals(List.of("heze"), cities(both));
    }

    @Test
    void givenAnUnknownCity_whenChoosing_thenItIs400NamingTheKnownCities() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> fanOut.choose(List.of("heze,zibo")));
        assertTrue(refused.getMessage().contains("'zibo' is not a city this gateway knows; known: jinan, heze, qingdao"),
                refused.getMessage());
    }

    @Test
    void givenAllWithACity_orNothing_whenChoosing_thenItIs400() {
        assertThrows(InvalidRequestException.class, () -> fanOut.choose(List.of("all,heze")));
        assertThrows(InvalidRequestException.class, () -> fanOut.choose(List.of(" , ")));
    }

    @Test
    void givenSearchesNamingResidents_whenRead_thenTheirResidentIdsAreFound_andNothingElse() {
        assertEquals(List.of("370102", "3701,03"), values(fanOut.residents("Observation", Map.of(
                "subject:Patient.identifier", List.of(RESIDENT + "|370102," + RESIDENT + "|3701\\,03"),
                "code", List.of(RESIDENT + "|999")))));
        assertEquals(List.of("1"), values(fanOut.residents("Patient", Map.of("identifier", List.of(RESIDENT + "|1")))));
        assertEquals(List.of("2"), values(fanOut.residents("DiagnosticReport", Map.of(
                "patient.resident-id", List.of(RESIDENT + "|2")))));
        // A hospital's record number is not a resident id; an identifier of an Observation is not a person's.
        assertEquals(List.of(), values(fanOut.residents("Patient", Map.of("identifier", List.of("urn:mrn|7")))));
        assertEquals(List.of(), values(fanOut.residents("Observation", Map.of("identifier", List.of(RESIDENT + "|8")))));
    }

    private static List<String> values(List<String[]> residents) {
        return residents.stream().map(resident -> resident[1]).toList();
    }

    private static List<String> cities(Chosen chosen) {
        return chosen.peers().stream().map(Peers.Peer::city).toList();
    }
}
