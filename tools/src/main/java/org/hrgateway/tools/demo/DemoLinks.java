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

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private DemoLinks() {
    }

    /**
     * The report view of the report that lists the newest result carrying the recognition mark (the
     * synthetic province marks results, not reports), or of that result when no report lists it.
     */
    static Optional<String> reportView(String base) {
        Optional<String> result = firstId(base + "/Observation?mark=HR&_sort=-date&_count=1&_elements=id");
        if (result.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(firstId(base + "/DiagnosticReport?result=Observation/" + result.get() + "&_count=1&_elements=id")
                .map(report -> base + "/DiagnosticReport/" + report)
                .orElse(base + "/Observation/" + result.get()) + "?_format=html");
    }

    private static Optional<String> firstId(String search) {
        try {
            HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(search))
                    .header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode id = new ObjectMapper().readTree(answer.body()).path("entry").path(0).path("resource").path("id");
            return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
