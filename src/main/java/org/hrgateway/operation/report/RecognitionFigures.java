package org.hrgateway.operation.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one recognition report, gathered from audited `$recognize` calls and repeat-test
 * DetectedIssues. Plain counters: the gathering decides what counts, this only adds up.
 */
final class RecognitionFigures {

    int calls;
    int recognized;
    int notRecognized;
    int notApplicable;
    final Map<String, Integer> notRecognizedByReason = new TreeMap<>();
    int declines;
    final Map<String, Integer> declinesByReason = new TreeMap<>();
    /** The DetectedIssues (`DetectedIssue/[id]`) of the repeats nobody justified: what an authority drills into. */
    final List<String> unjustifiedRepeats = new ArrayList<>();
    /** Orders removed at order time because a CDS card offered a recognizable result (accepted cards). */
    int ordersReplaced;

    /** One requested item's outcome, as `$recognize` answered it (`reason` null when recognized). */
    void item(String outcome, String reason) {
        switch (outcome) {
            case "recognized" -> recognized++;
            case "not-applicable" -> notApplicable++;
            default -> {
                notRecognized++;
                notRecognizedByReason.merge(reason == null ? "unknown" : reason, 1, Integer::sum);
            }
        }
    }

    /**
     * Figures as a report gave them; its repeats named by their absolute URL at `base` (another city's
     * gateway), or as given when `base` is null.
     */
    static RecognitionFigures of(ReportedFigures city, String base) {
        RecognitionFigures figures = new RecognitionFigures();
        figures.calls = city.calls();
        figures.recognized = city.recognized();
        figures.notRecognized = city.notRecognized();
        figures.notApplicable = city.notApplicable();
        figures.notRecognizedByReason.putAll(city.notRecognizedByReason());
        figures.declines = city.declines();
        figures.declinesByReason.putAll(city.declinesByReason());
        city.repeatIssues().forEach(issue -> figures.unjustifiedRepeats.add(issue.contains("://") || base == null ? issue : base + "/" + issue));
        figures.ordersReplaced = city.ordersReplaced();
        return figures;
    }

    /** `other` added to these. */
    void add(RecognitionFigures other) {
        calls += other.calls;
        recognized += other.recognized;
        notRecognized += other.notRecognized;
        notApplicable += other.notApplicable;
        other.notRecognizedByReason.forEach((reason, count) -> notRecognizedByReason.merge(reason, count, Integer::sum));
        declines += other.declines;
        other.declinesByReason.forEach((reason, count) -> declinesByReason.merge(reason, count, Integer::sum));
        unjustifiedRepeats.addAll(other.unjustifiedRepeats);
        ordersReplaced += other.ordersReplaced;
    }

    /** These figures as a report's reader has them, with the cities they are made of. */
    ReportedFigures reported(List<ReportedFigures.City> cities, boolean complete) {
        return new ReportedFigures(calls, recognized, notRecognized, notApplicable, new TreeMap<>(notRecognizedByReason),
                declines, new TreeMap<>(declinesByReason), unjustifiedRepeats.size(), List.copyOf(unjustifiedRepeats),
                ordersReplaced, cities, complete);
    }

    void decline(String reason) {
        declines++;
        declinesByReason.merge(reason == null ? "unknown" : reason, 1, Integer::sum);
    }
}
