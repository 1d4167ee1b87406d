package org.hrgateway.search.index;

/** A token index value: system may be null (code only), code may be null (system only, rare). */
public record TokenRow(String param, String system, String code) {
}
