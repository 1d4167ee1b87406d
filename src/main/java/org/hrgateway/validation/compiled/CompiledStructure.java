package org.hrgateway.validation.compiled;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A StructureDefinition compiled from its snapshot: the root element's rule tree, the rules by
 * element id (for contentReference), for a primitive type the regex its values must match, and for
 * an extension where it may be used (element paths or types; null when given otherwise).
 */
record CompiledStructure(String url, ElementRule root, Map<String, ElementRule> byId,
                         Pattern primitiveRegex, List<String> contexts) {
}
