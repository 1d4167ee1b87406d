package org.hrgateway.validation.compiled;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;

import java.util.List;

/** fixed[x] and pattern[x] as the FHIR spec defines them: exactly equal, or containing the pattern. */
final class Patterns {

    private Patterns() {
    }

    static boolean sameValue(Base fixed, Base value) {
        if (fixed.isPrimitive() || value.isPrimitive()) {
            return fixed.isPrimitive() && value.isPrimitive() && fixed.primitiveValue().equals(value.primitiveValue());
        }
        return fixed.equalsDeep(value);
    }

    /** Every element the pattern has, the value has too; each repeated pattern item matches some value item. */
    static boolean matches(Base pattern, Base value) {
        if (pattern.isPrimitive()) {
            return value.isPrimitive() && pattern.primitiveValue().equals(value.primitiveValue());
        }
        if (!pattern.fhirType().equals(value.fhirType())) {
            return false;
        }
        for (Property property : pattern.children()) {
            for (Base wanted : property.getValues()) {
                if (wanted == null || wanted.isEmpty()) {
                    continue;
                }
                Property actual = value.getNamedProperty(property.getName());
                List<Base> candidates = actual == null ? List.of() : actual.getValues();
                if (candidates.stream().noneMatch(candidate -> candidate != null && matches(wanted, candidate))) {
                    return false;
                }
            }
        }
        return true;
    }

    static String describe(Base value) {
        if (value.isPrimitive()) {
            return "'" + value.primitiveValue() + "'";
        }
        StringBuilder text = new StringBuilder(value.fhirType()).append(" {");
        for (Property property : value.children()) {
            for (Base item : property.getValues()) {
                if (item != null && !item.isEmpty()) {
                    text.append(' ').append(property.getName()).append('=').append(describe(item));
                }
            }
        }
        return text.append(" }").toString();
    }
}
