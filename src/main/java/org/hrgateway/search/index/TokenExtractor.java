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

/**
 * Token values (search.html#token) from the element types a token parameter may point at. Display
 * and concept text are kept folded for `:text`; an Identifier's type is kept as a row of the
 * `param:of-type` pseudo-parameter so that `identifier:of-type=system|code|value` can match it.
 */
final class TokenExtractor {

    static final String OF_TYPE = ":of-type";

    private TokenExtractor() {
    }

    static void extract(String param, IBase value, Set<TokenRow> out) {
        if (value instanceof CodeableConcept concept) {
            concept.getCoding().forEach(coding -> add(param, coding, out));
            if (concept.hasText()) {
                out.add(new TokenRow(param, null, null, StringExtractor.normalize(concept.getText())));
            }
        } else if (value instanceof Coding coding) {
            add(param, coding, out);
        } else if (value instanceof Identifier identifier) {
            addIfCode(param, identifier.getSystem(), identifier.getValue(), identifier.getType().getText(), out);
            if (identifier.hasValue()) {
                // of-type rows: system and code of the type, the identifier value as the "code|value" pair.
                identifier.getType().getCoding().forEach(type -> out.add(new TokenRow(param + OF_TYPE,
                        type.getSystem(), type.getCode() + "|" + identifier.getValue(), null)));
            }
        } else if (value instanceof ContactPoint contact) {
            addIfCode(param, contact.hasSystem() ? contact.getSystem().toCode() : null, contact.getValue(), null, out);
        } else if (value instanceof Enumeration<?> enumeration) {
            addIfCode(param, enumeration.getSystem(), enumeration.getValueAsString(), null, out);
        } else if (value instanceof BooleanType bool) {
            addIfCode(param, null, bool.getValueAsString(), null, out);
        } else if (value instanceof PrimitiveType<?> primitive) {
            addIfCode(param, null, primitive.getValueAsString(), null, out);
        }
    }

    private static void add(String param, Coding coding, Set<TokenRow> out) {
        addIfCode(param, coding.getSystem(), coding.getCode(), coding.getDisplay(), out);
    }

    private static void addIfCode(String param, String system, String code, String display, Set<TokenRow> out) {
        if (code != null && !code.isBlank()) {
            out.add(new TokenRow(param, blankToNull(system), code,
                    display == null || display.isBlank() ? null : StringExtractor.normalize(display)));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
