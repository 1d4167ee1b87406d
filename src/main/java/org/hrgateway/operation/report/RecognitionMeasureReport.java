package org.hrgateway.operation.report;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * The report as a summary MeasureReport: groups `recognize-calls`, `items` (populations
 * `recognized`, `not-recognized`, `not-applicable`, stratified by mr-recognition-reason),
 * `declines` (stratified by mr-decline-reason), `unjustified-repeats` and `orders-replaced` (CDS
 * cards accepted), each with its count as population `initial-population`. The unjustified repeats'
 * population lists its DetectedIssues (`subjectResults`, a contained List), for drilling down.
 */
final class RecognitionMeasureReport {

    static final String MEASURE = "http://hr-gateway.org/fhir/Measure/recognition";
    static final String RECOGNITION_REASONS = "http://hr-gateway.org/fhir/CodeSystem/mr-recognition-reason";
    static final String DECLINE_REASONS = "http://hr-gateway.org/fhir/CodeSystem/mr-decline-reason";

    private RecognitionMeasureReport() {
    }

    static MeasureReport of(RecognitionFigures figures, ReportPeriod period, String organization) {
        MeasureReport report = new MeasureReport();
        report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        report.setType(MeasureReport.MeasureReportType.SUMMARY);
        report.setMeasure(MEASURE);
        report.setDate(new Date());
        report.setPeriod(new Period().setStartElement(instant(period.start())).setEndElement(instant(period.end())));
        if (organization != null) {
            report.setReporter(new Reference(organization));
        }
        group(report, "recognize-calls", figures.calls);
        MeasureReportGroupComponent items = group(report, "items",
                figures.recognized + figures.notRecognized + figures.notApplicable);
        population(items, "recognized", figures.recognized);
        population(items, "not-recognized", figures.notRecognized);
        population(items, "not-applicable", figures.notApplicable);
        stratified(items, "reason", RECOGNITION_REASONS, figures.notRecognizedByReason);
        MeasureReportGroupComponent declines = group(report, "declines", figures.declines);
        stratified(declines, "reason", DECLINE_REASONS, figures.declinesByReason);
        MeasureReportGroupComponent repeats = group(report, "unjustified-repeats", figures.unjustifiedRepeats.size());
        repeats.getPopulationFirstRep().setSubjectResults(listed(report, "unjustified-repeats", figures.unjustifiedRepeats));
        group(report, "orders-replaced", figures.ordersReplaced);
        return report;
    }

    /**
     * A province's report: the cities' figures added up, each group stratified by `city` as well;
     * `pending` when a city could not be counted, the consulting's outcome a contained
     * OperationOutcome (`evaluatedResource`: which cities the figures are made of).
     */
    static MeasureReport ofProvince(RecognitionFigures total, Map<String, RecognitionFigures> cities, boolean complete,
                                    OperationOutcome consulted, ReportPeriod period, String organization) {
        MeasureReport report = of(total, period, organization);
        if (!complete) {
            report.setStatus(MeasureReport.MeasureReportStatus.PENDING);
        }
        for (MeasureReportGroupComponent group : report.getGroup()) {
            MeasureReport.MeasureReportGroupStratifierComponent byCity = group.addStratifier();
            byCity.addCode(concept("city"));
            cities.forEach((city, figures) -> {
                MeasureReport.StratifierGroupComponent stratum = byCity.addStratum().setValue(concept(city));
                for (MeasureReport.MeasureReportGroupPopulationComponent population : group.getPopulation()) {
                    String code = population.getCode().getText();
                    stratum.addPopulation().setCode(concept(code)).setCount(count(figures, group.getCode().getText(), code));
                }
            });
        }
        consulted.setId("province-outcome");
        report.addContained(consulted);
        report.addEvaluatedResource(new Reference("#province-outcome"));
        return report;
    }

    /** A population's count in `figures`, by the group and population names {@link #of} writes. */
    private static int count(RecognitionFigures figures, String group, String population) {
        return switch (group + "/" + population) {
            case "recognize-calls/initial-population" -> figures.calls;
            case "items/initial-population" -> figures.recognized + figures.notRecognized + figures.notApplicable;
            case "items/recognized" -> figures.recognized;
            case "items/not-recognized" -> figures.notRecognized;
            case "items/not-applicable" -> figures.notApplicable;
            case "declines/initial-population" -> figures.declines;
            case "unjustified-repeats/initial-population" -> figures.unjustifiedRepeats.size();
            case "orders-replaced/initial-population" -> figures.ordersReplaced;
            default -> throw new IllegalStateException("no figure for " + group + "/" + population);
        };
    }

    private static MeasureReportGroupComponent group(MeasureReport report, String code, int count) {
        MeasureReportGroupComponent group = report.addGroup().setCode(concept(code));
        population(group, "initial-population", count);
        return group;
    }

    /**
     * The resources a population counts, as a List contained in the report: what a reader drills
     * into, from the same gathering as the count.
     */
    private static Reference listed(MeasureReport report, String id, List<String> references) {
        ListResource list = new ListResource();
        list.setId(id);
        list.setStatus(ListResource.ListStatus.CURRENT);
        list.setMode(ListResource.ListMode.SNAPSHOT);
        references.forEach(reference -> list.addEntry().setItem(new Reference(reference)));
        report.addContained(list);
        return new Reference("#" + id);
    }

    private static void population(MeasureReportGroupComponent group, String code, int count) {
        group.addPopulation().setCode(concept(code)).setCount(count);
    }

    private static void stratified(MeasureReportGroupComponent group, String code, String system, Map<String, Integer> counts) {
        MeasureReport.MeasureReportGroupStratifierComponent stratifier = group.addStratifier();
        stratifier.addCode(concept(code));
        counts.forEach((reason, count) -> stratifier.addStratum()
                .setValue(new CodeableConcept(new Coding(system, reason, null)))
                .addPopulation().setCode(concept("initial-population")).setCount(count));
    }

    /** To the millisecond: a period's end is the last millisecond of its last day. */
    private static DateTimeType instant(java.time.Instant instant) {
        return new DateTimeType(Date.from(instant), TemporalPrecisionEnum.MILLI, TimeZone.getTimeZone("UTC"));
    }

    /** Groups and populations are named in text: no CodeSystem defines them (yet). */
    private static CodeableConcept concept(String code) {
        return new CodeableConcept().setText(code);
    }
}
