package org.hrgateway.operation.report;

import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupPopulationComponent;
import org.hl7.fhir.r4.model.Resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one `$recognition-report` answer, read back out of its MeasureReport (groups and
 * populations named in text, docs/recognition.md): what the dashboard shows, and what a province
 * report adds up from each city's answer.
 */
public record ReportedFigures(int calls, int recognized, int notRecognized, int notApplicable,
                     Map<String, Integer> notRecognizedByReason, int declines, Map<String, Integer> declinesByReason,
                     int unjustifiedRepeats, List<String> repeatIssues, int ordersReplaced, List<City> cities,
                     boolean complete) {

    /** One city's share of a province report (the groups' `city` strata). */
    public record City(String city, int calls, int recognized, int notRecognized, int declines, int unjustifiedRepeats,
                       int ordersReplaced) {

        public Double rate() {
            return recognized + notRecognized == 0 ? null : (double) recognized / (recognized + notRecognized);
        }
    }

    public static ReportedFigures of(MeasureReport report) {
        MeasureReportGroupComponent items = group(report, "items");
        MeasureReportGroupComponent declines = group(report, "declines");
        MeasureReportGroupComponent repeats = group(report, "unjustified-repeats");
        return new ReportedFigures(count(group(report, "recognize-calls"), "initial-population"),
                count(items, "recognized"), count(items, "not-recognized"), count(items, "not-applicable"),
                strata(items), count(declines, "initial-population"), strata(declines),
                count(repeats, "initial-population"), listed(report, repeats), count(group(report, "orders-replaced"),
                "initial-population"), cities(report), report.getStatus() != MeasureReport.MeasureReportStatus.PENDING);
    }

    /** The cities of a province report, in the order of the `recognize-calls` group's `city` strata; none for a city's own. */
    private static List<City> cities(MeasureReport report) {
        List<City> cities = new java.util.ArrayList<>();
        for (MeasureReport.StratifierGroupComponent stratum : cityStrata(group(report, "recognize-calls"))) {
            String city = stratum.getValue().getText();
            cities.add(new City(city, stratumCount(report, "recognize-calls", city, "initial-population"),
                    stratumCount(report, "items", city, "recognized"), stratumCount(report, "items", city, "not-recognized"),
                    stratumCount(report, "declines", city, "initial-population"),
                    stratumCount(report, "unjustified-repeats", city, "initial-population"),
                    stratumCount(report, "orders-replaced", city, "initial-population")));
        }
        return cities;
    }

    private static List<MeasureReport.StratifierGroupComponent> cityStrata(MeasureReportGroupComponent group) {
        return group.getStratifier().stream().filter(stratifier -> "city".equals(stratifier.getCodeFirstRep().getText()))
                .findFirst().map(MeasureReport.MeasureReportGroupStratifierComponent::getStratum).orElse(List.of());
    }

    private static int stratumCount(MeasureReport report, String group, String city, String population) {
        return cityStrata(group(report, group)).stream().filter(stratum -> city.equals(stratum.getValue().getText()))
                .flatMap(stratum -> stratum.getPopulation().stream())
                .filter(one -> population.equals(one.getCode().getText()))
                .mapToInt(MeasureReport.StratifierGroupPopulationComponent::getCount).findFirst().orElse(0);
    }

    /**
     * The figures of consecutive parts of a period added up: the same as one report of the whole
     * period, since each call, decision and card falls in exactly one part.
     */
    public static ReportedFigures sum(List<ReportedFigures> parts) {
        RecognitionFigures total = new RecognitionFigures();
        Map<String, City> cities = new LinkedHashMap<>();
        boolean complete = true;
        for (ReportedFigures part : parts) {
            total.add(RecognitionFigures.of(part, null));
            part.cities.forEach(city -> cities.merge(city.city(), city, (a, b) -> new City(a.city(), a.calls() + b.calls(),
                    a.recognized() + b.recognized(), a.notRecognized() + b.notRecognized(), a.declines() + b.declines(),
                    a.unjustifiedRepeats() + b.unjustifiedRepeats(), a.ordersReplaced() + b.ordersReplaced())));
            complete &= part.complete;
        }
        return total.reported(List.copyOf(cities.values()), complete);
    }

    /** Items judged, recognized or not: not-applicable items (not in the catalogue) are not a recognition's to make. */
    public int judged() {
        return recognized + notRecognized;
    }

    /** Recognized of the items judged, or null when none was. */
    public Double rate() {
        return judged() == 0 ? null : (double) recognized / judged();
    }

    private static MeasureReportGroupComponent group(MeasureReport report, String code) {
        return report.getGroup().stream().filter(group -> code.equals(group.getCode().getText())).findFirst()
                .orElseThrow(() -> new IllegalStateException("$recognition-report answered without group " + code));
    }

    private static int count(MeasureReportGroupComponent group, String population) {
        return group.getPopulation().stream().filter(one -> population.equals(one.getCode().getText()))
                .mapToInt(MeasureReportGroupPopulationComponent::getCount).findFirst().orElse(0);
    }

    private static Map<String, Integer> strata(MeasureReportGroupComponent group) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        group.getStratifier().stream().filter(stratifier -> "reason".equals(stratifier.getCodeFirstRep().getText()))
                .forEach(stratifier -> stratifier.getStratum().forEach(stratum -> counts.put(
                        stratum.getValue().getCodingFirstRep().getCode(), stratum.getPopulationFirstRep().getCount())));
        return counts;
    }

    /** The references of the contained List a population's `subjectResults` points to. */
    private static List<String> listed(MeasureReport report, MeasureReportGroupComponent group) {
        String target = group.getPopulationFirstRep().getSubjectResults().getReference();
        if (target == null) {
            return List.of();
        }
        for (Resource contained : report.getContained()) {
            // A contained id may come back from the parser with its '#' or without.
            if (contained instanceof ListResource list
                    && target.substring(1).equals(list.getIdElement().getIdPart().replaceFirst("^#", ""))) {
                return list.getEntry().stream().map(entry -> entry.getItem().getReference()).toList();
            }
        }
        return List.of();
    }
}
