package org.hrgateway.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A morning of clinicians at the demo's hospitals, done through the gateway's own API as
 * workstations do it, so that the authority dashboard opens on figures: for people with a marked
 * result, an order signed for the same item (the CDS hook asks `$recognize`); where a card comes,
 * it is accepted (the order replaced), overridden with a reason (a reasoned re-test) or ignored and
 * the order placed (an unjustified repeat the gateway discovers); now and then a question about an
 * item never done (not recognized, with its reason). Every figure the dashboard then shows was
 * recorded by the gateway from these calls.
 */
final class DemoActivity {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOINC = "http://loinc.org";
    private static final String DECLINE_REASONS = "http://hr-gateway.org/fhir/CodeSystem/mr-decline-reason";
    private static final String SIGN = "hr-recognition-order-sign";
    /** Aspartate aminotransferase: a catalogue item the demo never tests, so asking about it is never recognized. */
    private static final String NEVER_DONE = "1920-8";
    /** The result a card's link opens (the report view of `Observation/[id]`). */
    private static final Pattern OFFERED = Pattern.compile("/(Observation/[^/?]+)");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;

    private DemoActivity(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** How the morning went; `recognized` the results cards offered (`Observation/[id]`). */
    record Morning(boolean ok, List<String> recognized) {
    }

    /**
     * Runs the morning against `base` (`token` null when the gateway runs without security): order-time
     * hook calls on people's newest marked results until `people` cards came.
     */
    static Morning run(String base, String token, int people, PrintStream out) {
        DemoActivity activity = new DemoActivity(base, token);
        try {
            List<String[]> marked = activity.markedResults(people * 4);
            List<String> hospitals = activity.hospitals();
            int[] done = new int[5];
            int cards = 0;
            List<String> recognized = new ArrayList<>();
            for (String[] result : marked) {
                if (cards == people || hospitals.isEmpty()) {
                    break;
                }
                String patient = result[0];
                String code = result[1];
                String hospital = hospitals.get((done[0] + cards) % hospitals.size());
                JsonNode card = activity.hook(patient, code, hospital);
                done[0]++;
                if (card == null) {
                    continue; // not recognizable (the call records why): the clinician orders the test
                }
                Matcher offered = OFFERED.matcher(card.path("links").path(0).path("url").asText());
                if (offered.find()) {
                    recognized.add(offered.group(1));
                }
                switch (cards++ % 4) {
                    case 0, 3 -> {
                        activity.feedback(card, null);
                        done[1]++;
                    }
                    case 1 -> {
                        activity.feedback(card, "overridden");
                        done[2]++;
                    }
                    default -> {
                        // The card ignored and the order placed: the gateway finds the repeat when it is stored.
                        activity.order(patient, hospital, code);
                        done[3]++;
                    }
                }
                if (cards % 3 == 0) {
                    activity.recognize(patient, hospital, NEVER_DONE);
                    done[4]++;
                }
            }
            out.printf("Clinicians' morning: %d orders checked at signing, %d cards accepted, %d overridden with a reason,"
                    + " %d orders placed despite a card, %d questions about an item never done%n",
                    done[0], done[1], done[2], done[3], done[4]);
            return new Morning(true, recognized);
        } catch (IOException | RuntimeException e) {
            out.println("The clinicians' morning failed: " + e.getMessage());
            return new Morning(false, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Morning(false, List.of());
        }
    }

    /** [patient id, code] of the newest marked results, one per person, up to `count`. */
    private List<String[]> markedResults(int count) throws IOException, InterruptedException {
        JsonNode bundle = get("/Observation?mark=HR&_sort=-date&_count=" + count * 4 + "&_elements=subject,code");
        Map<String, String> byPatient = new LinkedHashMap<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode result = entry.path("resource");
            String subject = result.path("subject").path("reference").asText("");
            String code = null;
            for (JsonNode coding : result.path("code").path("coding")) {
                if (LOINC.equals(coding.path("system").asText())) {
                    code = coding.path("code").asText();
                }
            }
            if (subject.startsWith("Patient/") && code != null && byPatient.size() < count) {
                byPatient.putIfAbsent(subject.substring("Patient/".length()), code);
            }
        }
        return byPatient.entrySet().stream().map(entry -> new String[]{entry.getKey(), entry.getValue()}).toList();
    }

    /** The institutions that order: every Organization of the demo, in the gateway's order. */
    private List<String> hospitals() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : get("/Organization?_count=20&_elements=id").path("entry")) {
            ids.add(entry.path("resource").path("id").asText());
        }
        return ids;
    }

    /** An order-sign hook call for a draft order of `code`: the card it answers, or null. */
    private JsonNode hook(String patient, String code, String hospital) throws IOException, InterruptedException {
        ObjectNode draft = JSON.createObjectNode().put("resourceType", "ServiceRequest").put("id", "draft-" + code)
                .put("status", "draft").put("intent", "order");
        draft.putObject("code").putArray("coding").addObject().put("system", LOINC).put("code", code);
        draft.putObject("subject").put("reference", "Patient/" + patient);
        draft.putObject("requester").put("reference", "Organization/" + hospital);
        ObjectNode call = JSON.createObjectNode().put("hook", "order-sign").put("hookInstance", UUID.randomUUID().toString());
        ObjectNode context = call.putObject("context").put("userId", "Practitioner/demo-doctor").put("patientId", patient);
        ObjectNode drafts = context.putObject("draftOrders").put("resourceType", "Bundle").put("type", "collection");
        drafts.putArray("entry").addObject().set("resource", draft);
        call.putObject("prefetch").set("patient", get("/Patient/" + patient));
        JsonNode card = post("/cds-services/" + SIGN, "application/json", call.toString()).path("cards").path(0);
        return card.has("uuid") ? card : null;
    }

    /** The card's feedback: accepted (`outcome` null), or `overridden` with the first reason it offers. */
    private void feedback(JsonNode card, String outcome) throws IOException, InterruptedException {
        ObjectNode feedback = JSON.createObjectNode();
        ObjectNode given = feedback.putArray("feedback").addObject().put("card", card.path("uuid").asText())
                .put("outcome", outcome == null ? "accepted" : outcome).put("outcomeTimestamp", Instant.now().toString());
        if (outcome != null) {
            ObjectNode reason = given.putObject("overrideReason");
            reason.putObject("reason").put("system", DECLINE_REASONS)
                    .put("code", card.path("overrideReasons").path(0).path("code").asText("condition-changed"));
            reason.put("userComment", "Symptoms changed since the last test");
        }
        post("/cds-services/" + SIGN + "/feedback", "application/json", feedback.toString());
    }

    private void recognize(String patient, String hospital, String... codes) throws IOException, InterruptedException {
        ObjectNode parameters = JSON.createObjectNode().put("resourceType", "Parameters");
        ArrayNode parameter = parameters.putArray("parameter");
        for (String code : codes) {
            parameter.addObject().put("name", "code").putObject("valueCoding").put("system", LOINC).put("code", code);
        }
        parameter.addObject().put("name", "requester").putObject("valueReference")
                .put("reference", "Organization/" + hospital);
        post("/Patient/" + patient + "/$recognize", "application/fhir+json", parameters.toString());
    }

    /** An active order for `code`: the gateway finds the recognizable result and records the repeat. */
    private void order(String patient, String hospital, String code) throws IOException, InterruptedException {
        ObjectNode order = JSON.createObjectNode().put("resourceType", "ServiceRequest").put("status", "active")
                .put("intent", "order").put("authoredOn", Instant.now().toString());
        order.putObject("code").putArray("coding").addObject().put("system", LOINC).put("code", code);
        order.putObject("subject").put("reference", "Patient/" + patient);
        order.putObject("requester").put("reference", "Organization/" + hospital);
        post("/ServiceRequest", "application/fhir+json", order.toString());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).header("Accept", "application/fhir+json").GET().build());
    }

    private JsonNode post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path.replace("$", URLEncoder.encode("$",
                StandardCharsets.UTF_8)))).timeout(Duration.ofMinutes(1));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(500, answer.body().length())));
        }
        return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }
}
