package org.hrgateway.search.index;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A composite index value whose first component is a token (every composite of the served types,
 * e.g. Observation code-value-quantity) and whose second is a token, quantity, date or string;
 * only the columns of the second component's type are set.
 */
public record CompositeRow(String param, String system, String code,
                           String valueSystem, String valueCode,
                           BigDecimal valueLow, BigDecimal valueHigh,
                           Instant dateLow, Instant dateHigh,
                           String valueString) {

    public CompositeRow {
        system = IndexedText.cap(system);
        code = IndexedText.cap(code);
        valueSystem = IndexedText.cap(valueSystem);
        valueCode = IndexedText.cap(valueCode);
        valueString = IndexedText.cap(valueString);
    }
}
