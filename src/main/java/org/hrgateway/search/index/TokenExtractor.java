package org.hrgateway.search.index;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PrimitiveType;

import java.util.Set;

/** Token values (search.html#token) from the element types a token parameter may point at. */
final class TokenExtractor {

    private TokenExtractor() {
    }

    static void extract(String param, IBase value, Set<TokenRow> out) {
        if (value instanceof CodeableConcept concept) {
            concept.getCoding().forEach(coding -> add(param, coding, out));
        } else if (value instanceof Coding coding) {
            add(param, coding, out);
        } else if (value instanceof Identifier identifier) {
            addIfCode(param, identifier.getSystem(), identifier.getValue(), out);
        } else if (value instanceof ContactPoint contact) {
            addIfCode(param, contact.hasSystem() ? contact.getSystem().toCode() : null, contact.getValue(), out);
        } else if (value instanceof Enumeration<?> enumeration) {
            addIfCode(param, enumeration.getSystem(), enumeration.getValueAsString(), out);
        } else if (value instanceof BooleanType bool) {
            addIfCode(param, null, bool.getValueAsString(), out);
        } else if (value instanceof PrimitiveType<?> primitive) {
            addIfCode(param, null, primitive.getValueAsString(), out);
        }
    }

    private static void add(String param, Coding coding, Set<TokenRow> out) {
        addIfCode(param, coding.getSystem(), coding.getCode(), out);
    }

    private static void addIfCode(String param, String system, String code, Set<TokenRow> out) {
        if (code != null && !code.isBlank()) {
            out.add(new TokenRow(param, blankToNull(system), code));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
