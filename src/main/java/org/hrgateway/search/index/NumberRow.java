package org.hrgateway.search.index;

import java.math.BigDecimal;

/** A number index value; a Range is indexed as its low and high, a single value as both. */
public record NumberRow(String param, BigDecimal low, BigDecimal high) {
}
