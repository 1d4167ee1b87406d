package org.hrgateway.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Pages of the loaded demo worth opening in a browser, found by asking the gateway (no token: the demo runs without). */
final class DemoLinks {

    private DemoLinks() {
    }

    /** The report view of the newest report that carries the recognition mark. */
    static Optional<String> reportView(String base) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(base + "/DiagnosticReport?mark=HR&_sort=-date&_count=1&_elements=id"))
                    .header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode id = new ObjectMapper().readTree(answer.body()).path("entry").path(0).path("resource").path("id");
            return id.isTextual() ? Optional.of(base + "/DiagnosticReport/" + id.asText() + "?_format=html") : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
