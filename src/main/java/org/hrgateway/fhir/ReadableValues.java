package org.hrgateway.fhir;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Values as a clinician reads them on a card or a page: one way to show a time, a number, a result
 * and a reference range, wherever they are shown.
 */
public final class ReadableValues {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ReadableValues() {
    }

    /** `2026-11-29 09:18`, in `zone` (the gateway's, hr.default-timezone). */
    public static String dateTime(Instant instant, ZoneId zone) {
        return instant == null ? "" : MINUTES.format(instant.atZone(zone));
    }

    /** `13.2`, not `13.20` or `1.32E+1`. */
    public static String number(BigDecimal number) {
        return number == null ? "" : number.stripTrailingZeros().toPlainString();
    }

    /** The result's value without its unit: a quantity's number, a concept's text, else the primitive. */
    public static String value(Observation observation) {
        Type value = observation.getValue();
        if (value == null) {
            return observation.hasDataAbsentReason() ? observation.getDataAbsentReason().getCodingFirstRep().getCode() : "";
        }
        if (value instanceof Quantity quantity) {
            return number(quantity.getValue());
        }
        if (value instanceof CodeableConcept concept) {
            return concept.hasText() ? concept.getText() : concept.getCoding().stream().map(Coding::getDisplay)
                    .filter(display -> display != null).findFirst().orElse(concept.getCodingFirstRep().getCode());
        }
        return value.primitiveValue();
    }

    /** The unit of a quantity result, else empty. */
    public static String unit(Observation observation) {
        return observation.getValue() instanceof Quantity quantity && quantity.hasUnit() ? quantity.getUnit() : "";
    }

    /** `12–17.5 g/dL`, or the range's text. */
    public static String range(Observation observation) {
        if (!observation.hasReferenceRange()) {
            return "";
        }
        Observation.ObservationReferenceRangeComponent range = observation.getReferenceRangeFirstRep();
        if (range.hasText()) {
            return range.getText();
        }
        String unit = range.hasLow() && range.getLow().hasUnit() ? " " + range.getLow().getUnit()
                : range.hasHigh() && range.getHigh().hasUnit() ? " " + range.getHigh().getUnit() : "";
        return (range.hasLow() ? number(range.getLow().getValue()) : "") + "–"
                + (range.hasHigh() ? number(range.getHigh().getValue()) : "") + unit;
    }

    /**
     * `H` or `L`: the result's interpretation where it gives one, else a quantity against its reference
     * range; empty when normal or unknown.
     */
    public static String flag(Observation observation) {
        for (CodeableConcept concept : observation.getInterpretation()) {
            for (Coding coding : concept.getCoding()) {
                String code = coding.getCode();
                if (code != null && (code.startsWith("H") || code.startsWith("L"))) {
                    return code.substring(0, 1);
                }
            }
        }
        if (observation.getValue() instanceof Quantity quantity && quantity.hasValue() && observation.hasReferenceRange()) {
            Observation.ObservationReferenceRangeComponent range = observation.getReferenceRangeFirstRep();
            if (range.hasHigh() && range.getHigh().hasValue() && quantity.getValue().compareTo(range.getHigh().getValue()) > 0) {
                return "H";
            }
            if (range.hasLow() && range.getLow().hasValue() && quantity.getValue().compareTo(range.getLow().getValue()) < 0) {
                return "L";
            }
        }
        return "";
    }
}
