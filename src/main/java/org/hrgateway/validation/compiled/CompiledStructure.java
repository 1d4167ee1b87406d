package org.hrgateway.validation.compiled;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A StructureDefinition compiled from its snapshot: the root element's rule tree, the rules by
 * element id (for contentReference), for a primitive type the format its values must have (PrimitiveFormat), and for
 * an extension where it may be used (element paths or types; null when given otherwise).
 */
record CompiledStructure(String url, ElementRule root, Map<String, ElementRule> byId,
                         Predicate<String> primitiveFormat, List<String> contexts) {
}
