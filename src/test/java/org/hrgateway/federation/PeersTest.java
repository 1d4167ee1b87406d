package org.hrgateway.federation;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The peers an operator configures: read as listed or from a file, refused with a message naming what is wrong. */
class PeersTest {

    private static final Optional<String> BASE = Optional.of("http://127.0.0.1:8081/fhir");
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    private static Peers listed(String peers) {
        return new Peers(Optional.of("jinan"), Optional.of(peers), Optional.empty(), Duration.ofHours(1), BASE, vertx);
    }

    @Test
    void givenPairs_whenRead_thenEachCityWithItsBaseInOrder() {
        Peers peers = listed("heze=http://127.0.0.1:8082/fhir/, qingdao=https://qingdao.example/fhir");
        assertEquals(List.of(new Peers.Peer("heze", "http://127.0.0.1:8082/fhir"),
                new Peers.Peer("qingdao", "https://qingdao.example/fhir")), peers.all());
        assertEquals("https://qingdao.example/fhir", peers.get("qingdao").orElseThrow().baseUrl());
        assertTrue(peers.get("zibo").isEmpty());
    }

    @Test
    void givenNoPeers_whenRead_thenNoneAndNoCityOrBaseNeeded() {
        Peers peers = new Peers(Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofHours(1),
                Optional.empty(), vertx);
        assertEquals(List.of(), peers.all());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "heze;'heze' is not code=base-url",
            "Heze=http://h/fhir;'Heze' is not a city code",
            "jinan=http://j/fhir;'jinan' is this gateway's own city",
            "heze=http://h/fhir,heze=http://h2/fhir;city 'heze' is named twice",
            "heze=ftp://h/fhir;the base of 'heze', 'ftp://h/fhir', is not an absolute http(s) URL",
            "heze=/fhir;the base of 'heze', '/fhir', is not an absolute http(s) URL",
            "heze=http://h/fhir?x=1;is not an absolute http(s) URL without query or fragment"})
    void givenABadEntry_whenRead_thenRefusedWithWhatIsWrong(String peers, String message) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> listed(peers));
        assertTrue(refused.getMessage().startsWith("hr.federation.peers: "), refused.getMessage());
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }

    @Test
    void givenPeersWithoutCityOrBase_whenStarted_thenRefused() {
        IllegalStateException noCity = assertThrows(IllegalStateException.class, () -> new Peers(Optional.empty(),
                Optional.of("heze=http://h/fhir"), Optional.empty(), Duration.ofHours(1), BASE, vertx));
        assertTrue(noCity.getMessage().contains("hr.city"), noCity.getMessage());
        IllegalStateException noBase = assertThrows(IllegalStateException.class, () -> new Peers(Optional.of("jinan"),
                Optional.of("heze=http://h/fhir"), Optional.empty(), Duration.ofHours(1), Optional.empty(), vertx));
        assertTrue(noBase.getMessage().contains("hr.base-url"), noBase.getMessage());
        IllegalStateException both = assertThrows(IllegalStateException.class, () -> new Peers(Optional.of("jinan"),
                Optional.of("heze=http://h/fhir"), Optional.of("/tmp/peers"), Duration.ofHours(1), BASE, vertx));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }

    @Test
    void givenAPeersFile_whenItChanges_thenTheNewListIsTakenAndABadOneKeepsTheLast(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("peers");
        Files.writeString(file, "# the province\nheze=http://127.0.0.1:8082/fhir\n\n");
        Peers peers = new Peers(Optional.of("jinan"), Optional.empty(), Optional.of(file.toString()), Duration.ofHours(1),
                BASE, vertx);
        assertEquals(List.of("heze"), peers.all().stream().map(Peers.Peer::city).toList());
        assertFalse(peers.reloadIfChanged(file), "unchanged");

        Files.writeString(file, "heze=http://127.0.0.1:8082/fhir\nqingdao=http://127.0.0.1:8083/fhir\n");
        assertTrue(peers.reloadIfChanged(file));
        assertEquals(List.of("heze", "qingdao"), peers.all().stream().map(Peers.Peer::city).toList());

        Files.writeString(file, "heze http://127.0.0.1:8082/fhir\n");
        assertFalse(peers.reloadIfChanged(file));
        assertEquals(List.of("heze", "qingdao"), peers.all().stream().map(Peers.Peer::city).toList());

        Files.delete(file);
        assertFalse(peers.reloadIfChanged(file), "a file missing for a moment keeps the list");
        assertEquals(2, peers.all().size());
    }

    @Test
    void givenAPeersFile_whenItChangesUnderARunningGateway_thenTheTimerTakesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("peers");
        Files.writeString(file, "heze=http://127.0.0.1:8082/fhir\n");
        Peers peers = new Peers(Optional.of("jinan"), Optional.empty(), Optional.of(file.toString()),
                Duration.ofMillis(50), BASE, vertx);
        Files.writeString(file, "zibo=http://127.0.0.1:8084/fhir\n");
        for (int i = 0; i < 100 && !peers.get("zibo").isPresent(); i++) {
            Thread.sleep(50);
        }
        assertEquals(List.of("zibo"), peers.all().stream().map(Peers.Peer::city).toList());
        peers.stop(null);
    }
}
