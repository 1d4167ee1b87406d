package org.hrgateway.federation;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.hrgateway.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With tracing turned on (`quarkus.otel.sdk.disabled=false`), a province call continues the caller's
 * W3C trace and sends it on to every peer it asks: one province call is one trace across cities.
 */
@QuarkusTest
@TestProfile(TraceContextTest.Traced.class)
class TraceContextTest {

    /** What the peer city received: each call's traceparent header, or null. */
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestTokens.SigningKey key = TestTokens.signingKey("jinan-trace");
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    // Nothing collects spans here; what crosses to the peer is what is tested.
                    "quarkus.otel.traces.exporter", "none",
                    "hr.city", "jinan",
                    "hr.base-url", "http://127.0.0.1:8081/fhir",
                    "hr.federation.signing-key", key.pem().toString(),
                    "hr.federation.signing-key-id", key.keyId());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RecordingPeer.class));
        }
    }

    /** A peer city that answers every search with an empty searchset and notes its traceparent. */
    public static class RecordingPeer implements QuarkusTestResourceLifecycleManager {
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/fhir", exchange -> {
                RECEIVED.add(exchange.getRequestHeaders().getFirst("traceparent"));
                byte[] body = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return Map.of("hr.federation.peers", "heze=http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }

    @Test
    void givenACallersTrace_whenAProvinceSearchAsksAPeer_thenThePeerIsCalledWithinThatTrace() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        RECEIVED.clear();

        fhir().header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .queryParam("code", "http://loinc.org|718-7").queryParam("target-city", "heze")
                .when().get("/province/Observation").then().statusCode(200);

        assertEquals(1, RECEIVED.size(), "heze was asked once: " + RECEIVED);
        String sent = RECEIVED.get(0);
        assertNotNull(sent, "a traceparent was sent to heze");
        assertTrue(sent.startsWith("00-" + traceId + "-"), "the caller's trace continues at heze: " + sent);
        assertNotEquals("b7ad6b7169203331", sent.split("-")[2], "under a span of this gateway's own");
    }

    @Test
    void givenNoCallersTrace_whenAProvinceSearchAsksAPeer_thenANewTraceReachesThePeer() {
        RECEIVED.clear();

        fhir().queryParam("code", "http://loinc.org|718-7").queryParam("target-city", "heze")
                .when().get("/province/Observation").then().statusCode(200);

        assertEquals(1, RECEIVED.size(), "heze was asked once: " + RECEIVED);
        assertTrue(RECEIVED.get(0) != null && RECEIVED.get(0).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"),
                "a W3C traceparent: " + RECEIVED.get(0));
    }
}
