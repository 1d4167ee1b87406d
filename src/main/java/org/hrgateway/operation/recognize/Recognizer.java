package org.hrgateway.operation.recognize;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.fhir.Lazy;
import org.hrgateway.search.PersonResultsQuery;
import org.hrgateway.conformance.LabItemCatalogue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recognition for one person and one item, as `$recognize` and the repeat-test watch on new orders
 * both ask it: finds the candidates ({@link CandidateSearch}) and applies {@link RecognitionRules}
 * with the package's catalogue, marks and certifications.
 */
@ApplicationScoped
public class Recognizer {

    private final ProfilePackage profiles;
    private final CandidateSearch search;
    /** Where dates without a zone are read: a certification ending `2026-09-30` ends in Shandong. */
    private final ZoneId zone;
    private final Lazy<Package> parts = new Lazy<>(this::readPackage);

    /** What the rules take from the profile package. */
    private record Package(LabItemCatalogue catalogue, RecognitionData data, CodeSystem reasons) {
    }

    public Recognizer(ProfilePackage profiles, CandidateSearch search, GatewayConfig config) {
        this.profiles = profiles;
        this.search = search;
        this.zone = config.defaultTimezone();
    }

    CandidateSearch search() {
        return search;
    }

    /** The package's CodeSystem of reasons, for displays. */
    CodeSystem reasons() {
        return parts.get().reasons();
    }

    /** Whether `coding` names an item of the catalogue. */
    boolean isItem(Coding coding) {
        return item(coding).isPresent();
    }

    /**
     * What is recognized for the person of `patients`.
     *
     * @param given           the Patient ids asked about that exist, with whether each is deleted
     * @param patients        the person's live Patient records
     * @param recommendations one per requested code, in order
     * @param province        with scope=province, what the other cities said; else null
     */
    record Recognition(List<PersonResultsQuery.Given> given, List<String> patients, List<Recommendation> recommendations,
                       ProvinceCandidates.Gathered province) {
    }

    /** One recommendation per code, in order; the person and the candidates of all codes are found together. */
    Uni<Recognition> recognize(List<Coding> codes, List<String> patients, Instant at, String baseUrl) {
        return search.find(patients, items(codes), parts.get().data(), baseUrl)
                .map(found -> new Recognition(found.given(), found.patients(),
                        judge(codes, found.candidates(), found.certifications(), at, false), null));
    }

    /**
     * The same across the province: this city's candidates (when `home`) and those `gathered` from
     * the other cities, all named by absolute URLs, judged together by the same rules; where a city
     * could not be asked, a `not-recognized` becomes `peer-unavailable`.
     */
    Uni<Recognition> recognizeInProvince(List<Coding> codes, List<String> patients, Instant at, String baseUrl,
                                         boolean home, Uni<ProvinceCandidates.Gathered> gathered) {
        return Uni.combine().all().unis(search.find(patients, items(codes), parts.get().data(), baseUrl), gathered)
                .asTuple()
                .map(both -> {
                    CandidateSearch.Found found = both.getItem1();
                    ProvinceCandidates.Gathered province = both.getItem2();
                    Map<String, List<Candidate>> candidates = new HashMap<>();
                    Map<String, List<Certification>> certifications = new HashMap<>(province.certifications());
                    if (home) {
                        found.candidates().forEach((code, list) -> candidates.put(code, new ArrayList<>(list.stream()
                                .map(candidate -> absolute(candidate, baseUrl)).toList())));
                        found.certifications().forEach((organization, list) -> certifications.put(
                                ProvinceCandidates.absolute(organization, baseUrl), list));
                    }
                    province.candidates().forEach((code, list) ->
                            candidates.computeIfAbsent(code, k -> new ArrayList<>()).addAll(list));
                    return new Recognition(found.given(), found.patients(),
                            judge(codes, candidates, certifications, at, !province.missing().isEmpty()), province);
                });
    }

    private List<Recommendation> judge(List<Coding> codes, Map<String, List<Candidate>> candidates,
                                       Map<String, List<Certification>> certifications, Instant at,
                                       boolean citiesUnreachable) {
        return codes.stream()
                .map(code -> RecognitionRules.withUnreachableCities(RecognitionRules.recommend(code.getSystem(),
                        code.getCode(), item(code), candidates.getOrDefault(CandidateSearch.key(code), List.of()),
                        certifications, at), citiesUnreachable))
                .toList();
    }

    /** The recognition package's extension URLs and zone, for reading results and certifications. */
    RecognitionData data() {
        return parts.get().data();
    }

    List<Coding> items(List<Coding> codes) {
        return codes.stream().filter(this::isItem).toList();
    }

    private static Candidate absolute(Candidate candidate, String baseUrl) {
        return new Candidate(ProvinceCandidates.absolute(candidate.reference(), baseUrl), candidate.status(),
                candidate.marked(), candidate.effective(), candidate.issued(),
                ProvinceCandidates.absolute(candidate.performer(), baseUrl));
    }

    private Optional<LabItemCatalogue.Item> item(Coding coding) {
        LabItemCatalogue catalogue = parts.get().catalogue();
        return catalogue.system().equals(coding.getSystem()) ? catalogue.item(coding.getCode()) : Optional.empty();
    }

    private Package readPackage() {
        return new Package(profiles.catalogue(),
                new RecognitionData(profiles.url(StructureDefinition.class, "recognition-mark"),
                        profiles.url(StructureDefinition.class, "eqa-certification"), zone),
                profiles.resource(CodeSystem.class, "mr-recognition-reason").orElseThrow(
                        () -> new IllegalStateException("The profile package has no CodeSystem mr-recognition-reason")));
    }
}
