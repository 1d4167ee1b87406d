package org.hrgateway.validation.compiled;

import org.hl7.fhir.r4.model.Base;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One element of a snapshot, compiled: what an instance's values at this element must satisfy.
 * Built by {@link StructureCompiler} and not changed after.
 */
final class ElementRule {

    /** A permitted type: its code, the profiles it must conform to, and for references the target types. */
    record TypeRule(String code, List<String> profiles, Set<String> targetTypes) {
    }

    /**
     * A FHIRPath invariant, kept as text; each thread parses it once (see {@link Invariants}).
     * `identity` tells the same invariant inherited by a profile and its base type apart from others.
     */
    record Invariant(String key, String human, String expression, String source, String identity) {
        Invariant(String key, String human, String expression, String source) {
            this(key, human, expression, source, key + "|" + expression);
        }
    }

    /** How the values of a sliced element are told apart, and the slices. */
    record Slicing(List<String> discriminatorPaths, boolean closed, List<ElementRule> slices) {
    }

    final String id;
    final String path;
    final String name;
    final int min;
    /** -1 for "*". */
    final int max;
    final List<TypeRule> types;
    final Base fixed;
    final Base pattern;
    final String requiredValueSet;
    final List<Invariant> invariants;
    final String contentReference;
    /** What about this element the fast path does not check (maxLength, ...): a value here goes to HAPI. */
    final String unmodelled;
    final Map<String, ElementRule> children = new LinkedHashMap<>();
    Slicing slicing;

    ElementRule(String id, String path, int min, int max, List<TypeRule> types, Base fixed, Base pattern,
                String requiredValueSet, List<Invariant> invariants, String contentReference, String unmodelled) {
        this.id = id;
        this.path = path;
        this.name = path.substring(path.lastIndexOf('.') + 1);
        this.min = min;
        this.max = max;
        this.types = types;
        this.fixed = fixed;
        this.pattern = pattern;
        this.requiredValueSet = requiredValueSet;
        this.invariants = invariants;
        this.contentReference = contentReference;
        this.unmodelled = unmodelled;
    }

    boolean isChoice() {
        return name.endsWith("[x]");
    }

    String baseName() {
        return isChoice() ? name.substring(0, name.length() - 3) : name;
    }

    TypeRule type(String code) {
        for (TypeRule type : types) {
            if (type.code().equals(code)) {
                return type;
            }
        }
        return null;
    }
}
