package org.hrgateway.search.index;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Range;

import java.math.BigDecimal;
import java.util.Set;

/** Number values (search.html#number) from decimal, integer and Range elements. */
final class NumberExtractor {

    private NumberExtractor() {
    }

    static void extract(String param, IBase value, Set<NumberRow> out) {
        if (value instanceof DecimalType decimal && decimal.getValue() != null) {
            out.add(new NumberRow(param, decimal.getValue(), decimal.getValue()));
        } else if (value instanceof IntegerType integer && integer.getValue() != null) {
            BigDecimal number = BigDecimal.valueOf(integer.getValue());
            out.add(new NumberRow(param, number, number));
        } else if (value instanceof Range range && (range.hasLow() || range.hasHigh())) {
            out.add(new NumberRow(param, range.hasLow() ? range.getLow().getValue() : null,
                    range.hasHigh() ? range.getHigh().getValue() : null));
        }
    }
}
