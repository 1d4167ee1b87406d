package org.hrgateway.operation.recognize;

import org.hrgateway.conformance.LabItemCatalogue;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mutual recognition rules, without side effects: for one requested item, which of the
 * patient's results may be recognized instead of re-testing, and why not where not. Every figure
 * (items, categories, windows, certifications) comes in as data; see docs/recognition.md.
 */
public final class RecognitionRules {

    /** The statuses of a result that may be relied on. */
    static final Set<String> FINAL_STATUSES = Set.of("final", "amended", "corrected");

    static final String NO_PRIOR_RESULT = "no-prior-result";
    static final String EXPIRED = "expired";
    static final String NO_MARK = "no-mark";
    static final String INSTITUTION_NOT_CERTIFIED = "institution-not-certified";
    static final String STATUS_NOT_FINAL = "status-not-final";
    static final String NOT_IN_CATALOGUE = "not-in-catalogue";
    static final String PEER_UNAVAILABLE = "peer-unavailable";

    /**
     * Most recent first: by effective time, then by issue time; at equal times a single result
     * before a report (the more specific), then by reference, so the choice never depends on the
     * order the candidates were read in.
     */
    private static final Comparator<Candidate> MOST_RECENT_FIRST = Comparator
            .comparing(Candidate::effective, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Candidate::issued, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(candidate -> candidate.reference().contains("DiagnosticReport/"))
            .thenComparing(Candidate::reference);

    private RecognitionRules() {
    }

    /**
     * @param item           the catalogue's item for the code, empty when the code is not in it
     * @param candidates     the person's results with this code, in any order
     * @param certifications each performing Organization's certifications, by its reference
     * @param at             when the decision is made; results issued after it are not considered
     */
    public static Recommendation recommend(String system, String code, Optional<LabItemCatalogue.Item> item,
                                           List<Candidate> candidates, Map<String, List<Certification>> certifications,
                                           Instant at) {
        if (item.isEmpty()) {
            return new Recommendation(system, code, Recommendation.NOT_APPLICABLE, null, NOT_IN_CATALOGUE, List.of());
        }
        List<Verdict> verdicts = candidates.stream()
                .filter(candidate -> known(candidate, at))
                .sorted(MOST_RECENT_FIRST)
                .map(candidate -> judge(candidate, item.get(), certifications, at))
                .toList();
        Optional<Verdict> chosen = verdicts.stream().filter(Verdict::recognizable).findFirst();
        if (chosen.isPresent()) {
            return new Recommendation(system, code, Recommendation.RECOGNIZED, chosen.get(), null, verdicts);
        }
        // The candidate that came closest is the most recent one.
        String reason = verdicts.isEmpty() ? NO_PRIOR_RESULT : verdicts.get(0).reason();
        return new Recommendation(system, code, Recommendation.NOT_RECOGNIZED, null, reason, verdicts);
    }

    /**
     * The recommendation when some cities that may hold the person's results could not be asked:
     * their results are unknown, not absent. One of them could turn a `not-recognized` into a
     * recognition, so that answer becomes `peer-unavailable`, with the results that were found; a
     * recognized result stays recognized (another city could only offer another one), and an item off
     * the catalogue stays `not-applicable`.
     */
    public static Recommendation withUnreachableCities(Recommendation recommendation, boolean citiesUnreachable) {
        if (!citiesUnreachable || !Recommendation.NOT_RECOGNIZED.equals(recommendation.outcome())) {
            return recommendation;
        }
        return new Recommendation(recommendation.system(), recommendation.code(), Recommendation.NOT_RECOGNIZED, null,
                PEER_UNAVAILABLE, recommendation.candidates());
    }

    /** A result issued after the decision did not exist for it (a decision asked about the past). */
    private static boolean known(Candidate candidate, Instant at) {
        Instant released = candidate.issued() != null ? candidate.issued() : candidate.effective();
        return released == null || !released.isAfter(at);
    }

    private static Verdict judge(Candidate candidate, LabItemCatalogue.Item item,
                                 Map<String, List<Certification>> certifications, Instant at) {
        Instant validUntil = candidate.effective() == null ? null
                : candidate.effective().plus(Duration.ofDays(item.validityDays()));
        String reason = null;
        if (!FINAL_STATUSES.contains(candidate.status())) {
            reason = STATUS_NOT_FINAL;
        } else if (!candidate.marked()) {
            reason = NO_MARK;
        } else if (!certified(candidate, item.category(), certifications)) {
            reason = INSTITUTION_NOT_CERTIFIED;
        } else if (validUntil == null || at.isAfter(validUntil)) {
            reason = EXPIRED;
        }
        return new Verdict(candidate, reason == null, reason, validUntil);
    }

    /** The performer held a certification for the item's category on the day the result was issued. */
    private static boolean certified(Candidate candidate, String category, Map<String, List<Certification>> certifications) {
        Instant issued = candidate.issued() != null ? candidate.issued() : candidate.effective();
        if (candidate.performer() == null || issued == null) {
            return false;
        }
        return certifications.getOrDefault(candidate.performer(), List.of()).stream()
                .anyMatch(certification -> certification.covers(category, issued));
    }
}
