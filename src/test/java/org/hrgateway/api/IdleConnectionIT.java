package org.hrgateway.api;

import org.hrgateway.support.GatewayProcess;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/**
 * A connection that sends half a request head and then nothing is closed once it has been idle for
 * `quarkus.http.idle-timeout` (60 s by default, 2 s here); it was held open for 30 minutes.
 */
class IdleConnectionIT {

    @Test
    void givenHalfARequestHead_whenTheClientFallsSilent_thenTheGatewayClosesTheConnection() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(List.of("-Xmx256m"), Map.of("QUARKUS_HTTP_IDLE_TIMEOUT", "2s"));
             Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET /fhir/metadata HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();

            InputStream in = socket.getInputStream();
            int read = in.read();
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat("the gateway closed the connection without an answer", read, equalTo(-1));
            assertThat(waitedMillis, lessThan(20_000L));
            assertThat(gateway.readiness(), equalTo(200));
        }
    }
}
