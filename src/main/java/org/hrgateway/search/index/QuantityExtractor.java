package org.hrgateway.search.index;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;

import java.util.Set;

/** Quantity values (search.html#quantity) from Quantity (and its profiles), Money and Range. */
final class QuantityExtractor {

    private QuantityExtractor() {
    }

    static void extract(String param, IBase value, Set<QuantityRow> out) {
        if (value instanceof Quantity quantity && quantity.getValue() != null) {
            out.add(new QuantityRow(param, blankToNull(quantity.getSystem()), blankToNull(quantity.getCode()),
                    blankToNull(quantity.getUnit()), quantity.getValue(), quantity.getValue()));
        } else if (value instanceof Money money && money.getValue() != null) {
            String currency = money.hasCurrency() ? money.getCurrency() : null;
            out.add(new QuantityRow(param, "urn:iso:std:iso:4217", currency, currency, money.getValue(), money.getValue()));
        } else if (value instanceof Range range && (range.hasLow() || range.hasHigh())) {
            Quantity unit = range.hasLow() ? range.getLow() : range.getHigh();
            out.add(new QuantityRow(param, blankToNull(unit.getSystem()), blankToNull(unit.getCode()),
                    blankToNull(unit.getUnit()), range.hasLow() ? range.getLow().getValue() : null,
                    range.hasHigh() ? range.getHigh().getValue() : null));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
