package org.hrgateway.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a server really answered a scenario's request, before the scenario is measured.
 * A 200 with entries is not enough: a server that ignores a parameter it does not support still
 * answers 200, with the wrong resources; timing that would compare unlike work. So each check looks
 * at what the entries are.
 *
 * <p>Every method returns the reason for failing, or empty when the answer is right. Pure: the
 * response is read from JSON only.
 */
final class ResponseChecks {

    private static final int MAX_BODY_ECHO = 300;

    private ResponseChecks() {
    }

    /**
     * {@code Observation?patient=Patient/{id}&code=http://loinc.org|{code}&date=ge{since}&_sort=-date&_count={count}}:
     * only that patient's Observations with that code, from {@code since} on, newest first, at most
     * {@code count}.
     */
    static Optional<String> patientCodeDate(FhirHttp.Response response, String patientId, String code,
                                            LocalDate since, int count) {
        Parsed searchset = searchset(response);
        if (searchset.failure() != null) {
            return Optional.of(searchset.failure());
        }
        List<JsonNode> matches = matches(searchset.body());
        Optional<String> sizeProblem = sizeProblem(matches, count);
        if (sizeProblem.isPresent()) {
            return sizeProblem;
        }
        Instant previous = null;
        for (JsonNode observation : matches) {
            Optional<String> problem = observationProblem(observation, patientId);
            if (problem.isPresent()) {
                return problem;
            }
            if (!hasCoding(observation.path("code"), BenchUris.LOINC, code)) {
                return Optional.of("Observation/" + observation.path("id").asText()
                        + " does not have code " + BenchUris.LOINC + "|" + code + ": code ignored?");
            }
            String effective = effective(observation);
            if (effective != null && effective.length() >= 10 && effective.substring(0, 10).compareTo(since.toString()) < 0) {
                return Optional.of("Observation/" + observation.path("id").asText() + " is dated " + effective
                        + ", before " + since + ": date ignored?");
            }
            Instant instant = instantOf(effective);
            if (instant != null) {
                if (previous != null && instant.isAfter(previous)) {
                    return Optional.of("Observation/" + observation.path("id").asText() + " (" + effective
                            + ") comes after an older one: _sort=-date ignored?");
                }
                previous = instant;
            }
        }
        return Optional.empty();
    }

    /**
     * {@code DiagnosticReport?_id={id}&_include=DiagnosticReport:result}: that report, and the
     * Observations it lists as results.
     */
    static Optional<String> reportInclude(FhirHttp.Response response, String reportId) {
        Parsed searchset = searchset(response);
        if (searchset.failure() != null) {
            return Optional.of(searchset.failure());
        }
        List<JsonNode> matches = matches(searchset.body());
        if (matches.isEmpty()) {
            return Optional.of("no matching entry");
        }
        Set<String> resultIds = new HashSet<>();
        for (JsonNode report : matches) {
            if (!"DiagnosticReport".equals(report.path("resourceType").asText())
                    || !reportId.equals(report.path("id").asText())) {
                return Optional.of("match " + report.path("resourceType").asText() + "/" + report.path("id").asText()
                        + " is not DiagnosticReport/" + reportId + ": _id ignored?");
            }
            for (JsonNode result : report.path("result")) {
                ResourceLocation.parse(result.path("reference").asText(null))
                        .filter(location -> location.type().equals("Observation"))
                        .ifPresent(location -> resultIds.add(location.id()));
            }
        }
        List<JsonNode> included = new ArrayList<>();
        for (JsonNode entry : searchset.body().path("entry")) {
            JsonNode resource = entry.path("resource");
            String mode = entry.path("search").path("mode").asText("");
            if (mode.equals("include") || (mode.isEmpty() && "Observation".equals(resource.path("resourceType").asText()))) {
                included.add(resource);
            }
        }
        if (!resultIds.isEmpty() && included.isEmpty()) {
            return Optional.of("DiagnosticReport/" + reportId + " has " + resultIds.size()
                    + " results but none was included: _include ignored?");
        }
        for (JsonNode resource : included) {
            String type = resource.path("resourceType").asText();
            String id = resource.path("id").asText();
            if (!type.equals("Observation") || !resultIds.contains(id)) {
                return Optional.of("included " + type + "/" + id + " is not a result of DiagnosticReport/" + reportId);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code Observation?subject:Patient.identifier={system}|{value}&_count={count}}: only
     * Observations of the Patient with that identifier, whose server id is {@code patientId}.
     */
    static Optional<String> chainedResident(FhirHttp.Response response, String patientId, int count) {
        Parsed searchset = searchset(response);
        if (searchset.failure() != null) {
            return Optional.of(searchset.failure());
        }
        List<JsonNode> matches = matches(searchset.body());
        Optional<String> sizeProblem = sizeProblem(matches, count);
        if (sizeProblem.isPresent()) {
            return sizeProblem;
        }
        for (JsonNode observation : matches) {
            Optional<String> problem = observationProblem(observation, patientId);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** {@code {type}/{id}}: that very resource. */
    /** A Parameters resource with one recommendation per requested code. */
    static Optional<String> recognize(FhirHttp.Response response, int asked) {
        if (response.status() != 200) {
            return Optional.of(httpProblem(response));
        }
        JsonNode answer = response.json();
        if (answer == null || !"Parameters".equals(answer.path("resourceType").asText())) {
            return Optional.of("expected a Parameters resource: " + response.excerpt(MAX_BODY_ECHO));
        }
        int recommendations = 0;
        for (JsonNode parameter : answer.path("parameter")) {
            if ("recommendation".equals(parameter.path("name").asText())) {
                recommendations++;
            }
        }
        return recommendations == asked ? Optional.empty()
                : Optional.of("expected " + asked + " recommendations, got " + recommendations);
    }

    /** A CDS Hooks answer: a `cards` array, at most one card per draft order, each with its uuid and summary. */
    static Optional<String> cdsHook(FhirHttp.Response response, int drafts) {
        if (response.status() != 200) {
            return Optional.of(httpProblem(response));
        }
        JsonNode answer = response.json();
        if (answer == null || !answer.path("cards").isArray()) {
            return Optional.of("expected {\"cards\": [...]}: " + response.excerpt(MAX_BODY_ECHO));
        }
        if (answer.path("cards").size() > drafts) {
            return Optional.of("expected at most " + drafts + " cards, got " + answer.path("cards").size());
        }
        for (JsonNode card : answer.path("cards")) {
            if (!card.path("uuid").isTextual() || !card.path("summary").isTextual()) {
                return Optional.of("a card without uuid or summary: " + card);
            }
        }
        return Optional.empty();
    }

    static Optional<String> read(FhirHttp.Response response, String type, String id) {
        if (response.status() != 200) {
            return Optional.of(httpProblem(response));
        }
        JsonNode resource = response.json();
        if (resource == null) {
            return Optional.of("body is not JSON: " + response.excerpt(MAX_BODY_ECHO));
        }
        if (!type.equals(resource.path("resourceType").asText()) || !id.equals(resource.path("id").asText())) {
            return Optional.of("expected " + type + "/" + id + ", got "
                    + resource.path("resourceType").asText() + "/" + resource.path("id").asText());
        }
        return Optional.empty();
    }

    private record Parsed(JsonNode body, String failure) {
    }

    private static Parsed searchset(FhirHttp.Response response) {
        if (response.status() != 200) {
            return new Parsed(null, httpProblem(response));
        }
        JsonNode body = response.json();
        if (body == null) {
            return new Parsed(null, "body is not JSON: " + response.excerpt(MAX_BODY_ECHO));
        }
        if (!"Bundle".equals(body.path("resourceType").asText()) || !"searchset".equals(body.path("type").asText())) {
            return new Parsed(null, "not a searchset Bundle: resourceType " + body.path("resourceType").asText()
                    + ", type " + body.path("type").asText());
        }
        return new Parsed(body, null);
    }

    /** Entries the search matched: those marked {@code match}, or not marked at all. */
    private static List<JsonNode> matches(JsonNode bundle) {
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            String mode = entry.path("search").path("mode").asText("match");
            if (mode.equals("match")) {
                matches.add(entry.path("resource"));
            }
        }
        return matches;
    }

    private static Optional<String> sizeProblem(List<JsonNode> matches, int count) {
        if (matches.isEmpty()) {
            return Optional.of("no matching entry");
        }
        if (matches.size() > count) {
            return Optional.of(matches.size() + " matches on a page of _count=" + count + ": _count ignored?");
        }
        return Optional.empty();
    }

    private static Optional<String> observationProblem(JsonNode resource, String patientId) {
        String type = resource.path("resourceType").asText();
        String id = resource.path("id").asText();
        if (!type.equals("Observation")) {
            return Optional.of("match " + type + "/" + id + " is not an Observation");
        }
        String subject = resource.path("subject").path("reference").asText(null);
        if (!ResourceLocation.pointsAt(subject, "Patient", patientId)) {
            return Optional.of("Observation/" + id + " is about " + subject + ", not Patient/" + patientId
                    + ": patient criterion ignored?");
        }
        return Optional.empty();
    }

    private static boolean hasCoding(JsonNode codeableConcept, String system, String code) {
        for (JsonNode coding : codeableConcept.path("coding")) {
            if (system.equals(coding.path("system").asText()) && code.equals(coding.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The clinically relevant time the date parameter searches: effective[x]. */
    private static String effective(JsonNode observation) {
        for (String field : List.of("effectiveDateTime", "effectiveInstant")) {
            if (observation.hasNonNull(field)) {
                return observation.get(field).asText();
            }
        }
        JsonNode start = observation.path("effectivePeriod").path("start");
        return start.isTextual() ? start.asText() : null;
    }

    /** A FHIR dateTime as an instant; null for partial dates (year, month) and anything unreadable. */
    private static Instant instantOf(String dateTime) {
        if (dateTime == null) {
            return null;
        }
        try {
            if (dateTime.length() == 10) {
                return LocalDate.parse(dateTime).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return dateTime.length() > 10 ? OffsetDateTime.parse(dateTime).toInstant() : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String httpProblem(FhirHttp.Response response) {
        JsonNode body = response.json();
        StringBuilder text = new StringBuilder("HTTP " + response.status());
        if (body != null && "OperationOutcome".equals(body.path("resourceType").asText())) {
            for (JsonNode issue : body.path("issue")) {
                String diagnostics = issue.path("diagnostics").asText(issue.path("details").path("text").asText(""));
                text.append(": ").append(issue.path("code").asText("?")).append(' ').append(diagnostics.strip());
            }
            return text.toString();
        }
        return text.append(": ").append(response.excerpt(MAX_BODY_ECHO)).toString();
    }
}
