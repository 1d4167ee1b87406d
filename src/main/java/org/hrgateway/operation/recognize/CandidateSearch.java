package org.hrgateway.operation.recognize;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.db.ReadReplica;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.operation.SearchedResources;
import org.hrgateway.search.PersonResultsQuery;
import org.hrgateway.search.PersonResultsQuery.PersonResults;
import org.hrgateway.store.StoredResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Finds what `$recognize` judges: the Patient records of one person (sharing a `resident-id`, the
 * package's SearchParameter), their results for the requested items, whether a marked report lists
 * them (`mark`, the package's SearchParameter), and the performing Organizations' certifications.
 * One statement ({@link PersonResultsQuery}) reads them all.
 */
@ApplicationScoped
public class CandidateSearch {

    /** The package's SearchParameters that identify a person across hospitals and find marked results. */
    private static final PersonResultsQuery.Params PARAMS = new PersonResultsQuery.Params("resident-id", "mark");
    /** Parsed certifications kept, by Organization version; a stored version never changes. */
    private static final int CERTIFICATIONS_KEPT = 10_000;

    private final PersonResultsQuery query;
    private final SearchedResources searched;
    private final ResourceCodec codec;
    private final BlockingWork blocking;
    private final int maxCount;
    private final Map<String, List<Certification>> certificationsByVersion = new ConcurrentHashMap<>();

    /**
     * What the rules take.
     *
     * @param given          the Patient ids asked about that exist, with whether each is deleted
     * @param patients       the live Patient records of the person
     * @param candidates     candidates by requested code (`system|code`)
     * @param certifications the performers' certifications, by `Organization/id`
     */
    record Found(List<PersonResultsQuery.Given> given, List<String> patients, Map<String, List<Candidate>> candidates,
                 Map<String, List<Certification>> certifications) {
    }

    public CandidateSearch(PersonResultsQuery query, SearchedResources searched,
                           ResourceCodec codec, BlockingWork blocking, GatewayConfig config) {
        this.query = query;
        this.searched = searched;
        this.codec = codec;
        this.blocking = blocking;
        // The newest results are read first; a person with more results of the asked items than a
        // page holds has had older ones that would be long expired.
        this.maxCount = config.paging().maxCount();
    }

    /** The ids of the Patient records with this identifier (none when none has it). */
    Uni<List<String>> byIdentifier(Identifier identifier, String baseUrl) {
        return searched.ids("Patient", Map.of("identifier", List.of(identifier.getSystem() + "|" + identifier.getValue())), baseUrl);
    }

    /** The person of `patients` and their results for `codes` (catalogue items), each listed under every code it carries. */
    Uni<Found> find(List<String> patients, List<Coding> codes, RecognitionData data, String baseUrl) {
        List<String> systems = codes.stream().map(Coding::getSystem).toList();
        List<String> values = codes.stream().map(Coding::getCode).toList();
        return ReadReplica.read(() -> query.find(patients, systems, values, baseUrl, maxCount, PARAMS))
                .chain(read -> blocking.run(() -> found(read, codes, data)));
    }

    private Found found(PersonResults read, List<Coding> codes, RecognitionData data) {
        Map<String, List<Candidate>> byCode = new HashMap<>();
        // A code asked twice is listed once.
        Set<String> asked = codes.stream().map(CandidateSearch::key).collect(Collectors.toCollection(LinkedHashSet::new));
        for (StoredResource stored : read.results()) {
            ResultJson result = data.result(stored.json());
            Candidate candidate = RecognitionData.candidate(result, stored.relativeUrl(), read.listed().contains(stored.id()));
            for (String key : asked) {
                if (result.codes().contains(key)) {
                    byCode.computeIfAbsent(key, k -> new ArrayList<>()).add(candidate);
                }
            }
        }
        Map<String, List<Certification>> certifications = new HashMap<>();
        for (StoredResource organization : read.performers()) {
            certifications.put(organization.relativeUrl(), certifications(organization, data));
        }
        return new Found(read.given(), read.person(), byCode, certifications);
    }

    private List<Certification> certifications(StoredResource organization, RecognitionData data) {
        String version = organization.versionedUrl();
        List<Certification> kept = certificationsByVersion.get(version);
        if (kept != null) {
            return kept;
        }
        List<Certification> read = List.copyOf(data.certifications((Organization) codec.parseStored(organization.json())));
        if (certificationsByVersion.size() >= CERTIFICATIONS_KEPT) {
            certificationsByVersion.clear(); // a province has a few hundred institutions; this bounds a runaway
        }
        certificationsByVersion.put(version, read);
        return read;
    }

    /** How {@link Found#candidates()} keys a code. */
    static String key(Coding code) {
        return code.getSystem() + "|" + code.getCode();
    }
}
