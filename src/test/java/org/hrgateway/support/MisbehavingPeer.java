package org.hrgateway.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A "peer gateway" that answers every request badly in one way — a 500, a 200 that is not FHIR, or
 * nothing for a long time — so that the real gateway under test meets what a broken city does. It
 * counts the requests it received (a peer behind an open circuit breaker receives none).
 */
public final class MisbehavingPeer implements AutoCloseable {

    public enum Way { ERROR_500, GARBAGE, SLOW }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    public MisbehavingPeer(Way way, Duration slowFor) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                switch (way) {
                    case ERROR_500 -> answer(exchange, 500, "application/fhir+json",
                            "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"exception\"}]}");
                    case GARBAGE -> answer(exchange, 200, "text/html", "<html><body>Bad gateway page</body></html>");
                    case SLOW -> {
                        sleep(slowFor);
                        answer(exchange, 200, "application/fhir+json", "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}");
                    }
                }
            }
        });
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    public int requests() {
        return requests.get();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // The gateway stopped waiting (its deadline): nothing more to say.
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
