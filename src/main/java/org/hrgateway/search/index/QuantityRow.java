package org.hrgateway.search.index;

import java.math.BigDecimal;

/** A quantity index value: its value (or range), system, code and the human unit. */
public record QuantityRow(String param, String system, String code, String unit, BigDecimal low, BigDecimal high) {
}
