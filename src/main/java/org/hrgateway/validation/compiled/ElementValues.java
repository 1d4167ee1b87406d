package org.hrgateway.validation.compiled;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Property;

import java.util.ArrayList;
import java.util.List;

/** The values of a named child of an element, as HAPI's validator sees them once the resource is encoded. */
final class ElementValues {

    private ElementValues() {
    }

    static List<Base> of(Base parent, String name) {
        Property property = parent.getNamedProperty(name);
        if (property == null) {
            return List.of();
        }
        List<Base> values = new ArrayList<>(property.getValues().size());
        for (Base value : property.getValues()) {
            if (value != null && !value.isEmpty() && !emptyExtension(value)) {
                values.add(value);
            }
        }
        return values;
    }

    /** An extension with a url and nothing else is dropped when HAPI encodes the resource, as if absent. */
    private static boolean emptyExtension(Base value) {
        return value instanceof Extension extension && !extension.hasValue() && !extension.hasExtension();
    }
}
