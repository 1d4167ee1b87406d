package org.hrgateway.api;

import io.restassured.path.json.JsonPath;
import org.hrgateway.support.GatewayProcess;
import org.hrgateway.support.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * A city pod has a memory limit: the packaged gateway at `-Xmx256m` refuses bodies over the limit
 * while they stream in, takes eight 9 MB uploads at once without running out of heap, and is healthy
 * after. (Before: a 30 MB POST answered 500 OutOfMemoryError.)
 */
class SmallHeapUploadsIT {

    private static final int MB = 1024 * 1024;
    private static GatewayProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayProcess.start(List.of("-Xmx256m"), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void given30MegabyteBody_whenPost_then413AndNothingBuffered() throws Exception {
        RawHttp.Response response = RawHttp.send(gateway.port(), "POST", "/fhir/Patient",
                Map.of("Content-Type", "application/fhir+json"), patient(30 * MB));

        assertTooLarge(response);
    }

    @Test
    void given100MegabyteChunkedBody_whenPost_then413WhileItStreams() throws Exception {
        RawHttp.Response response = RawHttp.send(gateway.port(), "POST", "/fhir/Patient",
                Map.of("Content-Type", "application/fhir+json", "Transfer-Encoding", "chunked"), RawHttp.chunked(patient(100 * MB)));

        assertTooLarge(response);
    }

    @Test
    void givenEightConcurrent9MegabyteBodies_whenPost_thenAllCreatedAndHealthyAfter() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<RawHttp.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(clients.submit(() -> RawHttp.send(gateway.port(), "POST", "/fhir/Patient",
                        Map.of("Content-Type", "application/fhir+json"), patient(9 * MB))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<RawHttp.Response> answer : answers) {
                statuses.add(answer.get().status());
            }

            assertThat(gateway.output(), statuses, everyItem(equalTo(201)));
        } finally {
            clients.shutdownNow();
        }
        assertThat(gateway.output(), gateway.isAlive(), equalTo(true));
        assertThat(gateway.output(), gateway.readiness(), equalTo(200));
        assertThat(gateway.output().contains("OutOfMemoryError"), equalTo(false));
    }

    private static void assertTooLarge(RawHttp.Response response) {
        assertThat(gateway.output(), response.status(), equalTo(413));
        JsonPath outcome = JsonPath.from(response.body());
        assertThat(outcome.getString("resourceType"), equalTo("OperationOutcome"));
        assertThat(outcome.getString("issue[0].code"), equalTo("too-costly"));
        assertThat(outcome.getString("issue[0].diagnostics"), startsWith("The body is larger than"));
        assertThat(gateway.readiness(), equalTo(200));
    }

    /** A Patient whose family name makes the body about {@code size} bytes. */
    private static byte[] patient(int size) {
        String head = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"";
        String tail = "\"}]}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.US_ASCII);
    }
}
