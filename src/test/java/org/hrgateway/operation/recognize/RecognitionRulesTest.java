package org.hrgateway.operation.recognize;

import org.hrgateway.conformance.LabItemCatalogue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The rules as a table of cases, no server: each case is one requested item and its candidates. */
class RecognitionRulesTest {

    private static final String LOINC = "http://loinc.org";
    private static final Optional<LabItemCatalogue.Item> HAEMOGLOBIN =
            Optional.of(new LabItemCatalogue.Item("718-7", "Hemoglobin", "hematology", 7, java.util.Map.of()));
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final String LAB = "Organization/county-lab";
    private static final Map<String, List<Certification>> CERTIFIED = Map.of(LAB, List.of(
            new Certification("hematology", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-12-31T23:59:59Z"))));

    private static Candidate result(String id, String status, boolean marked, Instant effective) {
        return new Candidate("Observation/" + id, status, marked, effective, effective.plus(Duration.ofHours(2)), LAB);
    }

    private static Recommendation recommend(List<Candidate> candidates, Map<String, List<Certification>> certifications) {
        return RecognitionRules.recommend(LOINC, "718-7", HAEMOGLOBIN, candidates, certifications, AT);
    }

    @Test
    void givenFreshMarkedResultOfCertifiedLab_whenRecommended_thenRecognizedWithValidUntil() {
        Instant effective = AT.minus(Duration.ofDays(2));
        Recommendation answer = recommend(List.of(result("fresh", "final", true, effective)), CERTIFIED);

        assertEquals(Recommendation.RECOGNIZED, answer.outcome());
        assertEquals("Observation/fresh", answer.chosen().candidate().reference());
        assertEquals(effective.plus(Duration.ofDays(7)), answer.validUntil());
        assertNull(answer.reason());
    }

    @Test
    void givenResultAtTheWindowEdge_whenRecommended_thenRecognizedUntilTheLastInstantOnly() {
        Instant edge = AT.minus(Duration.ofDays(7));
        assertEquals(Recommendation.RECOGNIZED, recommend(List.of(result("edge", "final", true, edge)), CERTIFIED).outcome());

        Recommendation past = recommend(List.of(result("past", "final", true, edge.minusSeconds(1))), CERTIFIED);
        assertEquals(Recommendation.NOT_RECOGNIZED, past.outcome());
        assertEquals("expired", past.reason());
    }

    @Test
    void givenEachFailingRule_whenRecommended_thenItsReason() {
        Instant recent = AT.minus(Duration.ofDays(1));
        record Case(Candidate candidate, Map<String, List<Certification>> certifications, String reason) {
        }
        List<Case> cases = List.of(
                new Case(result("unmarked", "final", false, recent), CERTIFIED, "no-mark"),
                new Case(result("preliminary", "preliminary", true, recent), CERTIFIED, "status-not-final"),
                new Case(result("in-error", "entered-in-error", true, recent), CERTIFIED, "status-not-final"),
                new Case(result("uncertified", "final", true, recent), Map.of(), "institution-not-certified"),
                new Case(new Candidate("Observation/no-performer", "final", true, recent, recent, null), CERTIFIED,
                        "institution-not-certified"),
                new Case(result("other-category", "final", true, recent), Map.of(LAB, List.of(new Certification(
                        "biochemistry", null, null))), "institution-not-certified"));
        for (Case c : cases) {
            Recommendation answer = recommend(List.of(c.candidate()), c.certifications());
            assertEquals(Recommendation.NOT_RECOGNIZED, answer.outcome(), c.candidate().reference());
            assertEquals(c.reason(), answer.reason(), c.candidate().reference());
            assertEquals(c.reason(), answer.candidates().get(0).reason(), c.candidate().reference());
        }
    }

    @Test
    void givenAmendedOrCorrectedResult_whenRecommended_thenRecognized() {
        Instant recent = AT.minus(Duration.ofDays(1));
        for (String status : List.of("amended", "corrected")) {
            assertEquals(Recommendation.RECOGNIZED, recommend(List.of(result(status, status, true, recent)), CERTIFIED).outcome());
        }
    }

    @Test
    void givenCertificationLapsedTheDayBeforeTheIssueDate_whenRecommended_thenNotCertified() {
        Instant effective = Instant.parse("2026-11-18T08:00:00Z");
        Map<String, List<Certification>> lapsed = Map.of(LAB, List.of(new Certification("hematology",
                Instant.parse("2025-11-18T00:00:00Z"), Instant.parse("2026-11-17T23:59:59Z"))));

        assertEquals("institution-not-certified", recommend(List.of(result("late", "final", true, effective)), lapsed).reason());
    }

    @Test
    void givenSeveralCandidates_whenRecommended_thenMostRecentEligibleWinsAndAllAreListedNewestFirst() {
        Candidate older = result("older", "final", true, AT.minus(Duration.ofDays(5)));
        Candidate newer = result("newer", "final", true, AT.minus(Duration.ofDays(1)));
        Candidate newestButPreliminary = result("newest", "preliminary", true, AT.minus(Duration.ofHours(5)));

        Recommendation answer = recommend(List.of(older, newestButPreliminary, newer), CERTIFIED);

        assertEquals("Observation/newer", answer.chosen().candidate().reference());
        assertEquals(List.of("Observation/newest", "Observation/newer", "Observation/older"),
                answer.candidates().stream().map(verdict -> verdict.candidate().reference()).toList());
    }

    @Test
    void givenAReportAndResultsOfTheSameTimes_whenRecommended_thenTheSingleResultWinsWhateverTheOrderRead() {
        Instant taken = AT.minus(Duration.ofDays(2));
        Candidate report = new Candidate("DiagnosticReport/panel", "final", true, taken, taken.plus(Duration.ofHours(2)), LAB);
        Candidate b = result("b", "final", true, taken);
        Candidate a = result("a", "final", true, taken);

        for (List<Candidate> order : List.of(List.of(report, b, a), List.of(a, report, b), List.of(b, a, report))) {
            Recommendation answer = recommend(order, CERTIFIED);
            assertEquals(List.of("Observation/a", "Observation/b", "DiagnosticReport/panel"),
                    answer.candidates().stream().map(verdict -> verdict.candidate().reference()).toList());
        }
    }

    @Test
    void givenCandidatesFailingForDifferentReasons_whenRecommended_thenReasonOfTheMostRecent() {
        Candidate expired = result("expired", "final", true, AT.minus(Duration.ofDays(30)));
        Candidate unmarked = result("unmarked", "final", false, AT.minus(Duration.ofDays(1)));

        assertEquals("no-mark", recommend(List.of(expired, unmarked), CERTIFIED).reason());
    }

    @Test
    void givenNoResultOrOnlyOneIssuedAfterTheDecision_whenRecommended_thenNoPriorResult() {
        assertEquals("no-prior-result", recommend(List.of(), CERTIFIED).reason());

        Candidate later = result("later", "final", true, AT.plus(Duration.ofDays(1)));
        Recommendation answer = recommend(List.of(later), CERTIFIED);
        assertEquals("no-prior-result", answer.reason());
        assertEquals(List.of(), answer.candidates());
    }

    @Test
    void givenCodeOutsideTheCatalogue_whenRecommended_thenNotApplicable() {
        Recommendation answer = RecognitionRules.recommend(LOINC, "1234-5", Optional.empty(),
                List.of(result("any", "final", true, AT)), CERTIFIED, AT);

        assertEquals(Recommendation.NOT_APPLICABLE, answer.outcome());
        assertEquals("not-in-catalogue", answer.reason());
    }

    @Test
    void givenACityThatCouldNotBeAsked_whenNothingFoundIsRecognizable_thenPeerUnavailableWithWhatWasFound() {
        Candidate expired = result("old", "final", true, AT.minus(Duration.ofDays(30)));
        Recommendation answer = RecognitionRules.withUnreachableCities(recommend(List.of(expired), CERTIFIED), true);
        assertEquals(Recommendation.NOT_RECOGNIZED, answer.outcome());
        assertEquals("peer-unavailable", answer.reason());
        assertEquals(List.of("Observation/old"), answer.candidates().stream().map(v -> v.candidate().reference()).toList());
        assertEquals("expired", answer.candidates().get(0).reason());

        Recommendation none = RecognitionRules.withUnreachableCities(recommend(List.of(), CERTIFIED), true);
        assertEquals("peer-unavailable", none.reason());
    }

    @Test
    void givenACityThatCouldNotBeAsked_whenAResultFoundIsRecognizable_orTheItemIsOffTheList_thenTheAnswerStands() {
        Recommendation recognized = recommend(List.of(result("fresh", "final", true, AT.minus(Duration.ofDays(1)))), CERTIFIED);
        assertEquals(recognized, RecognitionRules.withUnreachableCities(recognized, true));
        Recommendation offList = RecognitionRules.recommend(LOINC, "0000-0", Optional.empty(), List.of(), CERTIFIED, AT);
        assertEquals(offList, RecognitionRules.withUnreachableCities(offList, true));
        Recommendation expired = recommend(List.of(result("old", "final", true, AT.minus(Duration.ofDays(30)))), CERTIFIED);
        assertEquals(expired, RecognitionRules.withUnreachableCities(expired, false));
    }
}
