package org.hrgateway.tools.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The benchmark's only way to the server: plain HTTP with FHIR JSON bodies, relative to one base
 * URL, so that it can drive any FHIR R4 server. One client is shared by all threads; it opens one
 * connection per concurrent request. (The measured queries go through {@link QueryDriver}.)
 */
final class FhirHttp {

    static final String FHIR_JSON = "application/fhir+json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Generous: the first transaction may wait for a cold server to warm its validator. */
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(2);
    /** Bounds how far past its deadline a measuring thread can run. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    /** A status and the body as text. */
    record Response(int status, String body) {

        private static final ObjectMapper JSON = new ObjectMapper();

        /** The body as JSON, or null when it is empty or not JSON. */
        JsonNode json() {
            if (body == null || body.isBlank()) {
                return null;
            }
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        /** The start of the body on one line, for messages. */
        String excerpt(int max) {
            if (body == null || body.isBlank()) {
                return "(empty body)";
            }
            String flat = body.replaceAll("\\s+", " ").strip();
            return flat.length() > max ? flat.substring(0, max) + "..." : flat;
        }
    }

    private final URI base;
    private final HttpClient client;
    private final String authorization;

    FhirHttp(URI base) {
        this(base, null);
    }

    /** `authorization`: the Authorization header every request carries, or null. */
    FhirHttp(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
        // HTTP/1.1 for every server alike: no h2c upgrade attempt on the first request.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    URI base() {
        return base;
    }

    /** GET {@code base/relative} and keep the body, for requests whose answer is checked. */
    Response get(String relative) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(getRequest(relative), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /** POST a FHIR JSON body (an operation's Parameters) to {@code base/relative}. */
    Response post(String relative, String json) throws IOException, InterruptedException {
        return post(URI.create(base + "/" + relative), json, QUERY_TIMEOUT);
    }

    /** POST a Bundle to the base (transaction or batch). */
    Response postBundle(String json) throws IOException, InterruptedException {
        return post(base, json, TRANSACTION_TIMEOUT);
    }

    private Response post(URI uri, String json, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", FHIR_JSON)
                .header("Accept", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    private HttpRequest getRequest(String relative) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/" + relative))
                .timeout(QUERY_TIMEOUT)
                .header("Accept", FHIR_JSON)
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }
}
