package org.hrgateway.tools.demo;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.hrgateway.tools.demo.PatientPlan.ReportOrder;
import org.hrgateway.tools.demo.Province.LabItem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;

/**
 * Builds the clinical content of a lab result: Observations with plausible values around the
 * reference range, and the DiagnosticReport that groups them.
 */
final class LabResultFactory {

    /** Share of results an institution stamps with the mutual-recognition mark. */
    private static final double RECOGNITION_MARK_SHARE = 0.8;
    /**
     * Values are drawn from a normal distribution centred in the reference range with this many
     * standard deviations across it, which leaves roughly one result in twelve out of range.
     */
    private static final double RANGE_WIDTH_IN_STANDARD_DEVIATIONS = 3.5;

    private final TimeZone timeZone;

    LabResultFactory(Province province) {
        // Dates are written in the province's zone, not the JVM's, so the bundles are the same everywhere.
        this.timeZone = TimeZone.getTimeZone(province.zone());
    }

    Observation observation(LabItem item, ReportOrder order, Reference subject, Random random) {
        BigDecimal value = drawValue(item, random);
        Observation observation = new Observation();
        if (random.nextDouble() < RECOGNITION_MARK_SHARE) {
            Coding mark = new Coding(DemoUris.MR_MARK, "HR", null);
            observation.addExtension(new Extension(DemoUris.RECOGNITION_MARK, mark));
        }
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(laboratoryCategory());
        observation.setCode(loinc(item.code(), item.display()));
        observation.setSubject(subject);
        observation.setEffective(dateTime(order.effective()));
        observation.setIssuedElement(instant(order.issued()));
        observation.addPerformer(OrganizationResources.reference(order.institution()));
        observation.setValue(quantity(value, item.unit(), new Quantity()));
        observation.addInterpretation(interpretation(value, item));
        observation.addReferenceRange()
                .setLow(quantity(atPrecision(item.low(), item), item.unit(), new SimpleQuantity()))
                .setHigh(quantity(atPrecision(item.high(), item), item.unit(), new SimpleQuantity()));
        return observation;
    }

    DiagnosticReport report(ReportOrder order, Reference subject, List<Reference> results) {
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addCategory(new CodeableConcept()
                .addCoding(new Coding(DemoUris.DIAGNOSTIC_SERVICE_SECTION, "LAB", "Laboratory")));
        report.setCode(loinc(order.panel().code(), order.panel().display()));
        report.setSubject(subject);
        report.setEffective(dateTime(order.effective()));
        report.setIssuedElement(instant(order.issued()));
        report.addPerformer(OrganizationResources.reference(order.institution()));
        results.forEach(report::addResult);
        return report;
    }

    private static BigDecimal drawValue(LabItem item, Random random) {
        double low = item.low().doubleValue();
        double high = item.high().doubleValue();
        double drawn = (low + high) / 2 + random.nextGaussian() * (high - low) / RANGE_WIDTH_IN_STANDARD_DEVIATIONS;
        // A concentration or count is never negative, nor reported as zero at the item's precision.
        double smallest = Math.pow(10, -item.decimals());
        return atPrecision(BigDecimal.valueOf(Math.max(drawn, smallest)), item);
    }

    private static BigDecimal atPrecision(BigDecimal value, LabItem item) {
        return value.setScale(item.decimals(), RoundingMode.HALF_UP);
    }

    private static CodeableConcept interpretation(BigDecimal value, LabItem item) {
        if (value.compareTo(item.low()) < 0) {
            return interpretationCode("L", "Low");
        }
        if (value.compareTo(item.high()) > 0) {
            return interpretationCode("H", "High");
        }
        return interpretationCode("N", "Normal");
    }

    private static CodeableConcept interpretationCode(String code, String display) {
        return new CodeableConcept().addCoding(new Coding(DemoUris.OBSERVATION_INTERPRETATION, code, display));
    }

    private static CodeableConcept laboratoryCategory() {
        return new CodeableConcept().addCoding(new Coding(DemoUris.OBSERVATION_CATEGORY, "laboratory", "Laboratory"));
    }

    private static CodeableConcept loinc(String code, String display) {
        return new CodeableConcept()
                .addCoding(new Coding(DemoUris.LOINC, code, display))
                .setText(display);
    }

    private static <Q extends Quantity> Q quantity(BigDecimal value, String ucumUnit, Q target) {
        target.setValue(value)
                .setUnit(ucumUnit)
                .setSystem(DemoUris.UCUM)
                .setCode(ucumUnit);
        return target;
    }

    private DateTimeType dateTime(Instant instant) {
        return new DateTimeType(Date.from(instant), TemporalPrecisionEnum.SECOND, timeZone);
    }

    private InstantType instant(Instant instant) {
        return new InstantType(Date.from(instant), TemporalPrecisionEnum.SECOND, timeZone);
    }
}
