package org.hrgateway;

import io.quarkus.runtime.QuarkusApplication;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * `warm-up`: starts the gateway, waits until it is ready, sends it a few read-only requests (the
 * CapabilityStatement, a search, a `$validate`), then exits. It is the training run of a
 * class-data-sharing archive: run under `-XX:ArchiveClassesAtExit`, it records the classes a start
 * and the first requests load, so that later starts map them instead of loading them again
 * (README, "Faster start-up"). It writes nothing to the database beyond what a start writes.
 */
public class WarmUpCommand implements QuarkusApplication {

    private static final Duration READY_DEADLINE = Duration.ofMinutes(2);
    private static final String SAMPLE_OBSERVATION = """
            {"resourceType":"Observation","status":"final",
             "code":{"coding":[{"system":"http://loinc.org","code":"718-7"}]},
             "subject":{"reference":"Patient/warm-up"},"valueQuantity":{"value":13.2,"unit":"g/dL"}}""";

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    /** The Authorization header to send, or null: the command itself runs with security off (GatewayMain). */
    String authorization;

    @Override
    public int run(String... args) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI root = URI.create("http://localhost:" + port);
        awaitReady(client, root.resolve("/q/health/ready"));
        List<HttpRequest> requests = List.of(
                HttpRequest.newBuilder(root.resolve("/fhir/metadata")).build(),
                HttpRequest.newBuilder(root.resolve("/fhir/Observation?code=http://loinc.org%7C718-7&_count=1")).build(),
                HttpRequest.newBuilder(root.resolve("/fhir/Observation/$validate"))
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(SAMPLE_OBSERVATION)).build());
        for (HttpRequest unsigned : requests) {
            HttpRequest request = authorization == null ? unsigned
                    : HttpRequest.newBuilder(unsigned, (name, value) -> true).header("Authorization", authorization).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            System.out.println("warm-up " + request.method() + " " + request.uri().getPath() + " -> " + response.statusCode());
            if (response.statusCode() / 100 != 2) {
                // A training run that exercised error paths would archive the wrong classes: say so.
                System.err.println("warm-up request failed: " + response.body());
                return 1;
            }
        }
        return 0;
    }

    private static void awaitReady(HttpClient client, URI ready) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            int status = client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The gateway was not ready within " + READY_DEADLINE);
    }
}
