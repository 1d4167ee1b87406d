package org.hrgateway.search.query;

import java.util.Map;
import java.util.Set;

/**
 * The codes a ValueSet stands for, for `:in` / `:not-in`: explicit codes by system, and systems
 * included whole (every code of the system is in).
 */
public record ValueSetCodes(Map<String, Set<String>> codesBySystem, Set<String> wholeSystems) {
}
