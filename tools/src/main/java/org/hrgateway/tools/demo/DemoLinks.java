package org.hrgateway.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pages of the loaded demo worth opening in a browser, found by asking the gateway (no token: the demo runs without). */
final class DemoLinks {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private DemoLinks() {
    }

    /**
     * The report view of the fullest report listing one of `recognized` (results CDS cards offered, so
     * the page says they may be recognized), or else of the report listing the newest result carrying
     * the recognition mark (the synthetic province marks results, not reports); of the result itself
     * when no report lists it.
     */
    static Optional<String> reportView(String base, List<String> recognized) {
        List<String> results = new ArrayList<>();
        recognized.forEach(result -> results.add(result.substring("Observation/".length())));
        if (results.isEmpty()) {
            firstId(base + "/Observation?mark=HR&_sort=-date&_count=1&_elements=id").ifPresent(results::add);
        }
        String best = null;
        int most = -1;
        for (String result : results) {
            Optional<JsonNode> report = first(base + "/DiagnosticReport?result=Observation/" + result + "&_count=1&_elements=id,result");
            int size = report.map(found -> found.path("result").size()).orElse(0);
            if (size > most) {
                most = size;
                best = report.map(found -> base + "/DiagnosticReport/" + found.path("id").asText())
                        .orElse(base + "/Observation/" + result);
            }
        }
        return Optional.ofNullable(best).map(page -> page + "?_format=html");
    }

    /** The authority dashboard: `$recognition-report` as a page, the last twelve months. */
    static String dashboard(String base) {
        return base + "/$recognition-report?_format=html";
    }

    private static Optional<String> firstId(String search) {
        return first(search).map(resource -> resource.path("id")).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /** The first match of a search, or empty. */
    private static Optional<JsonNode> first(String search) {
        try {
            HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(search))
                    .header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode resource = new ObjectMapper().readTree(answer.body()).path("entry").path(0).path("resource");
            return resource.isObject() ? Optional.of(resource) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
