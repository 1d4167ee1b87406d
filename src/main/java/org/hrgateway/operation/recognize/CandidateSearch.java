package org.hrgateway.operation.recognize;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.config.GatewayConfig;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hrgateway.interaction.ReadInteraction;
import org.hrgateway.operation.SearchedResources;
import org.hrgateway.search.index.IndexStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds, through the gateway's own search, what `$recognize` judges: the Patient records of one
 * person (sharing a `resident-id`, the package's SearchParameter), their results for an item, the
 * marked reports that list those results, and the performing Organizations' certifications.
 */
@ApplicationScoped
public class CandidateSearch {

    /** The package's SearchParameter that identifies a person across hospitals. */
    private static final String RESIDENT_ID = "resident-id";
    private static final List<String> RESULT_TYPES = List.of("Observation", "DiagnosticReport");

    private final SearchedResources searched;
    private final ReadInteraction read;
    private final IndexStore indexes;
    private final Mutiny.SessionFactory sessions;
    private final String maxCount;

    /** What the rules take: candidates by requested code (`system|code`), the performers' certifications. */
    record Found(Map<String, List<Candidate>> candidates, Map<String, List<Certification>> certifications) {
    }

    public CandidateSearch(SearchedResources searched, ReadInteraction read, IndexStore indexes,
                           Mutiny.SessionFactory sessions, GatewayConfig config) {
        this.searched = searched;
        this.read = read;
        this.indexes = indexes;
        this.sessions = sessions;
        // The newest results come first; a person with more results of one item than a page holds
        // has had older ones that would be long expired.
        this.maxCount = String.valueOf(config.paging().maxCount());
    }

    /** The ids of every Patient record of the person `Patient/id` is (404 when there is none). */
    Uni<List<String>> samePerson(String id, String baseUrl) {
        return read.read("Patient", id).chain(stored -> samePerson(List.of(id), baseUrl));
    }

    /** The ids of every Patient record of the person with this identifier; empty when none has it. */
    Uni<List<String>> byIdentifier(Identifier identifier, String baseUrl) {
        return searched.ids("Patient", Map.of("identifier", List.of(identifier.getSystem() + "|" + identifier.getValue())), baseUrl)
                .chain(patients -> patients.isEmpty() ? Uni.createFrom().item(List.<String>of()) : samePerson(patients, baseUrl));
    }

    /**
     * The person's results for all `codes` at once (one search per result type, however many items
     * are asked about), each listed under every requested code it carries.
     */
    Uni<Found> candidates(List<String> patients, List<Coding> codes, RecognitionData data, String baseUrl) {
        String subjects = String.join(",", patients.stream().map(id -> "Patient/" + id).toList());
        String tokens = String.join(",", codes.stream().map(code -> code.getSystem() + "|" + code.getCode()).toList());
        Map<String, List<String>> params = Map.of("subject", List.of(subjects), "code", List.of(tokens),
                "_sort", List.of("-date"), "_count", List.of(maxCount));
        Uni<List<Resource>> results = resources(RESULT_TYPES.get(0), params, baseUrl)
                .chain(observations -> resources(RESULT_TYPES.get(1), params, baseUrl).map(reports -> {
                    List<Resource> all = new ArrayList<>(observations);
                    all.addAll(reports);
                    return all;
                }));
        return results.chain(found -> markedReportsListing(found, data, baseUrl)
                .chain(markedReports -> {
                    Map<Resource, Candidate> candidates = new LinkedHashMap<>();
                    found.forEach(result -> candidates.put(result, data.candidate(result, reference(result), markedReports)));
                    return certifications(candidates.values(), data, baseUrl)
                            .map(certifications -> new Found(byCode(candidates, codes), certifications));
                }));
    }

    private static Map<String, List<Candidate>> byCode(Map<Resource, Candidate> candidates, List<Coding> codes) {
        Map<String, List<Candidate>> byCode = new HashMap<>();
        for (Map.Entry<Resource, Candidate> entry : candidates.entrySet()) {
            Candidate candidate = entry.getValue();
            for (Base value : entry.getKey().listChildrenByName("code")) {
                for (Coding coding : ((CodeableConcept) value).getCoding()) {
                    for (Coding asked : codes) {
                        if (asked.getSystem().equals(coding.getSystem()) && asked.getCode().equals(coding.getCode())) {
                            List<Candidate> listed = byCode.computeIfAbsent(key(asked), k -> new ArrayList<>());
                            if (!listed.contains(candidate)) {
                                listed.add(candidate);
                            }
                        }
                    }
                }
            }
        }
        return byCode;
    }

    /** How {@link Found#candidates()} keys a code. */
    static String key(Coding code) {
        return code.getSystem() + "|" + code.getCode();
    }

    /** `patients` and every Patient record sharing a resident id (as indexed) with one of them. */
    private Uni<List<String>> samePerson(List<String> patients, String baseUrl) {
        return sessions.withSession(session -> indexes.tokenCodes(session, "Patient", patients, RESIDENT_ID))
                .chain(residentIds -> residentIds.isEmpty() ? Uni.createFrom().item(List.<String>of())
                        : searched.ids("Patient", Map.of(RESIDENT_ID, List.of(String.join(",", residentIds))), baseUrl))
                .map(sharing -> {
                    Set<String> ids = new LinkedHashSet<>(patients);
                    ids.addAll(sharing);
                    return List.copyOf(ids);
                });
    }

    /** The references of the Observations among `results` that a marked DiagnosticReport lists. */
    private Uni<Set<String>> markedReportsListing(List<Resource> results, RecognitionData data, String baseUrl) {
        List<String> unmarked = results.stream()
                .filter(result -> result.fhirType().equals("Observation") && !data.marked(result))
                .map(CandidateSearch::reference).toList();
        if (unmarked.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return resources("DiagnosticReport", Map.of("result", List.of(String.join(",", unmarked)),
                "_count", List.of(maxCount)), baseUrl)
                .map(reports -> {
                    Set<String> listed = new HashSet<>();
                    for (Resource report : reports) {
                        if (data.marked(report)) {
                            ((DiagnosticReport) report).getResult().stream().map(Reference::getReference)
                                    .filter(unmarked::contains).forEach(listed::add);
                        }
                    }
                    return listed;
                });
    }

    private Uni<Map<String, List<Certification>>> certifications(Collection<Candidate> candidates, RecognitionData data,
                                                                  String baseUrl) {
        Set<String> organizations = new LinkedHashSet<>();
        for (Candidate candidate : candidates) {
            String performer = candidate.performer();
            if (performer != null && performer.startsWith("Organization/")) {
                organizations.add(performer.substring("Organization/".length()));
            }
        }
        if (organizations.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return resources("Organization", Map.of("_id", List.of(String.join(",", organizations)),
                "_count", List.of(maxCount)), baseUrl)
                .map(found -> {
                    Map<String, List<Certification>> byReference = new HashMap<>();
                    found.forEach(organization -> byReference.put(reference(organization),
                            data.certifications((Organization) organization)));
                    return byReference;
                });
    }

    private Uni<List<Resource>> resources(String type, Map<String, List<String>> params, String baseUrl) {
        return searched.firstPage(type, params, baseUrl);
    }

    private static String reference(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}
