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
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.interaction.ReadInteraction;
import org.hrgateway.interaction.SearchInteraction;
import org.hrgateway.search.SearchRow;
import org.hrgateway.search.index.IndexExtractor;
import org.hrgateway.search.index.TokenRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

    private final SearchInteraction search;
    private final ReadInteraction read;
    private final ResourceCodec codec;
    private final IndexExtractor extractor;
    private final BlockingWork blocking;
    private final String maxCount;

    /** What the rules take: candidates by requested code (`system|code`), the performers' certifications. */
    record Found(Map<String, List<Candidate>> candidates, Map<String, List<Certification>> certifications) {
    }

    public CandidateSearch(SearchInteraction search, ReadInteraction read, ResourceCodec codec, IndexExtractor extractor,
                           BlockingWork blocking, GatewayConfig config) {
        this.search = search;
        this.read = read;
        this.codec = codec;
        this.extractor = extractor;
        this.blocking = blocking;
        // The newest results come first; a person with more results of one item than a page holds
        // has had older ones that would be long expired.
        this.maxCount = String.valueOf(config.paging().maxCount());
    }

    /** The ids of every Patient record of the person `Patient/id` is (404 when there is none). */
    Uni<List<String>> samePerson(String id, String baseUrl) {
        return read.read("Patient", id)
                .chain(stored -> blocking.run(() -> codec.parseStored(stored.json())))
                .chain(patient -> samePerson(List.of(patient), baseUrl));
    }

    /** The ids of every Patient record of the person with this identifier; empty when none has it. */
    Uni<List<String>> byIdentifier(Identifier identifier, String baseUrl) {
        return resources("Patient", Map.of("identifier", List.of(identifier.getSystem() + "|" + identifier.getValue())), baseUrl)
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
                .chain(markedReports -> certifications(found, data, baseUrl)
                        .map(certifications -> new Found(byCode(found, codes, data, markedReports), certifications))));
    }

    private static Map<String, List<Candidate>> byCode(List<Resource> results, List<Coding> codes, RecognitionData data,
                                                       Set<String> markedReports) {
        Map<String, List<Candidate>> byCode = new HashMap<>();
        for (Resource result : results) {
            Candidate candidate = data.candidate(result, reference(result), markedReports);
            for (Base value : result.listChildrenByName("code")) {
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

    private Uni<List<String>> samePerson(List<Resource> patients, String baseUrl) {
        return blocking.run(() -> {
                    Set<String> residentIds = new LinkedHashSet<>();
                    for (Resource patient : patients) {
                        for (TokenRow token : extractor.extract(patient).tokens()) {
                            if (RESIDENT_ID.equals(token.param()) && token.code() != null) {
                                residentIds.add(token.code());
                            }
                        }
                    }
                    return residentIds;
                })
                .chain(residentIds -> residentIds.isEmpty() ? Uni.createFrom().item(List.<Resource>of())
                        : resources("Patient", Map.of(RESIDENT_ID, List.of(String.join(",", residentIds))), baseUrl))
                .map(sharing -> {
                    Set<String> ids = new LinkedHashSet<>();
                    patients.forEach(patient -> ids.add(patient.getIdElement().getIdPart()));
                    sharing.forEach(patient -> ids.add(patient.getIdElement().getIdPart()));
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

    private Uni<Map<String, List<Certification>>> certifications(List<Resource> results, RecognitionData data,
                                                                  String baseUrl) {
        Set<String> organizations = new LinkedHashSet<>();
        for (Resource result : results) {
            String performer = data.candidate(result, reference(result), Set.of()).performer();
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
        return search.search(type, params, true, baseUrl)
                .chain(result -> blocking.run(() -> result.matches().stream()
                        .map(SearchRow::stored)
                        .map(stored -> codec.parseStored(stored.json()))
                        .toList()));
    }

    private static String reference(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}
