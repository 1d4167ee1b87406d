package org.hrgateway.validation.compiled;

import org.hl7.fhir.r4.model.Base;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns the values of a sliced element to its slices by their discriminators (value or pattern
 * of a child: `url` of an extension, `system` of an identifier) and checks each slice's
 * cardinality and a closed slicing's leftovers.
 */
final class SliceMatcher {

    /** Where findings go: the rule that failed, where, and why. */
    interface Errors {
        void error(String rule, String location, String message);
    }

    private SliceMatcher() {
    }

    /** Which slice each value belongs to (values in no slice are absent from the map). */
    static Map<Base, ElementRule> assign(ElementRule sliced, List<Base> values, String location, Errors errors) {
        Map<Base, ElementRule> sliceOf = new IdentityHashMap<>();
        Map<ElementRule, Integer> counts = new IdentityHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            Base value = values.get(i);
            for (ElementRule slice : sliced.slicing.slices()) {
                if (matches(sliced, slice, value)) {
                    if (sliceOf.put(value, slice) != null) {
                        throw new OutsideFastPath("a value of " + sliced.id + " matches more than one slice");
                    }
                    counts.merge(slice, 1, Integer::sum);
                }
            }
            if (!sliceOf.containsKey(value) && sliced.slicing.closed()) {
                errors.error("slicing", location + "." + sliced.name + "[" + i + "]", sliced.path
                        + ": this element does not match any known slice, and the slicing is closed");
            }
        }
        for (ElementRule slice : sliced.slicing.slices()) {
            int count = counts.getOrDefault(slice, 0);
            if (count < slice.min) {
                errors.error("cardinality", location + "." + sliced.name, "Slice '" + slice.id + "': minimum required = "
                        + slice.min + ", but only found " + count);
            }
            if (slice.max >= 0 && count > slice.max) {
                errors.error("cardinality", location + "." + sliced.name, "Slice '" + slice.id + "': max allowed = "
                        + slice.max + ", but found " + count);
            }
        }
        return sliceOf;
    }

    private static boolean matches(ElementRule sliced, ElementRule slice, Base value) {
        for (String path : sliced.slicing.discriminatorPaths()) {
            String expected = discriminatorValue(slice, path);
            List<Base> actual = ElementValues.of(value, path);
            if (actual.size() != 1 || !expected.equals(actual.get(0).primitiveValue())) {
                return false;
            }
        }
        return true;
    }

    private static String discriminatorValue(ElementRule slice, String path) {
        ElementRule child = slice.children.get(path);
        Base expected = child == null ? null : child.fixed != null ? child.fixed : child.pattern;
        if (expected != null && expected.isPrimitive()) {
            return expected.primitiveValue();
        }
        ElementRule.TypeRule extension = slice.type("Extension");
        if (path.equals("url") && extension != null && extension.profiles().size() == 1) {
            return extension.profiles().get(0);
        }
        throw new OutsideFastPath("discriminator " + path + " of slice " + slice.id);
    }
}
