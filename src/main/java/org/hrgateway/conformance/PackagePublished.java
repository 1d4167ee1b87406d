package org.hrgateway.conformance;

/**
 * Fired once the profile package is in the store and the gateway is ready. Work that only the
 * validators need (HAPI's definitions, the compiled rules) is warmed after it, so that it does not
 * compete with start-up for the CPU.
 */
public record PackagePublished(String label) {
}
