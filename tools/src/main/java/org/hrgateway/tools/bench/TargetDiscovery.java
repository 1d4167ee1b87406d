package org.hrgateway.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hrgateway.tools.bench.QueryTargets.PatientTarget;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds query targets on a server that already holds data ({@code --skip-load}), with three searches
 * and only their first page each:
 * <ul>
 *   <li>{@code Patient?_count=500}: Patient ids and resident IDs;</li>
 *   <li>{@code DiagnosticReport?_count=500&_elements=subject}: report ids;</li>
 *   <li>{@code Observation?_count=500&_elements=subject,code}: which LOINC codes each patient has.</li>
 * </ul>
 * Deliberately simple: a server that pages or orders differently yields other targets, not wrong
 * ones, and a server that ignores {@code _elements} only sends more. The searches themselves need
 * search support; where one fails its scenarios have no targets and are reported as failed.
 */
final class TargetDiscovery {

    static final int PAGE = 500;

    private final FhirHttp http;
    private final List<String> problems = new ArrayList<>();

    TargetDiscovery(FhirHttp http) {
        this.http = http;
    }

    /** What the searches found; {@link #problems()} says which searches failed. */
    QueryTargets discover() throws InterruptedException {
        Map<String, String> residentIds = new LinkedHashMap<>();
        for (JsonNode patient : search("Patient?_count=" + PAGE)) {
            residentIds.put(patient.path("id").asText(), residentId(patient));
        }
        List<String> reportIds = new ArrayList<>();
        for (JsonNode report : search("DiagnosticReport?_count=" + PAGE + "&_elements=subject")) {
            reportIds.add(report.path("id").asText());
        }
        Map<String, Set<String>> codesByPatient = new LinkedHashMap<>();
        for (JsonNode observation : search("Observation?_count=" + PAGE + "&_elements=subject,code")) {
            Optional<ResourceLocation> subject = ResourceLocation.parse(observation.path("subject").path("reference").asText(null))
                    .filter(location -> location.type().equals("Patient"));
            if (subject.isEmpty()) {
                continue;
            }
            for (JsonNode coding : observation.path("code").path("coding")) {
                if (BenchUris.LOINC.equals(coding.path("system").asText()) && coding.hasNonNull("code")) {
                    codesByPatient.computeIfAbsent(subject.get().id(), id -> new LinkedHashSet<>())
                            .add(coding.path("code").asText());
                }
            }
        }
        // Patients seen only as an Observation's subject are targets too: they lack just the resident ID.
        codesByPatient.keySet().forEach(id -> residentIds.putIfAbsent(id, null));
        List<PatientTarget> patients = new ArrayList<>();
        residentIds.forEach((id, residentId) -> patients.add(
                new PatientTarget(id, residentId, List.copyOf(codesByPatient.getOrDefault(id, Set.of())))));
        return new QueryTargets(patients, reportIds);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The resources of the first page, or none when the search failed (noted in the problems). */
    private List<JsonNode> search(String path) throws InterruptedException {
        List<JsonNode> resources = new ArrayList<>();
        try {
            FhirHttp.Response response = http.get(path);
            if (response.status() != 200) {
                problems.add("GET " + path + ": HTTP " + response.status());
                return resources;
            }
            for (JsonNode entry : new ObjectMapper().readTree(response.body()).path("entry")) {
                if (entry.hasNonNull("resource")) {
                    resources.add(entry.get("resource"));
                }
            }
        } catch (IOException e) {
            problems.add("GET " + path + ": " + e);
        }
        return resources;
    }

    private static String residentId(JsonNode patient) {
        for (JsonNode identifier : patient.path("identifier")) {
            if (BenchUris.RESIDENT_ID.equals(identifier.path("system").asText()) && identifier.hasNonNull("value")) {
                return identifier.get("value").asText();
            }
        }
        return null;
    }
}
