package org.hrgateway.search.index;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.StringType;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/** String values (search.html#string): names and addresses split into their parts, each folded. */
public final class StringExtractor {


    private StringExtractor() {
    }

    static void extract(String param, IBase value, Set<StringRow> out) {
        if (value instanceof HumanName name) {
            add(param, name.getFamily(), out);
            name.getGiven().forEach(given -> add(param, given.getValue(), out));
            name.getPrefix().forEach(prefix -> add(param, prefix.getValue(), out));
            name.getSuffix().forEach(suffix -> add(param, suffix.getValue(), out));
            add(param, name.getText(), out);
        } else if (value instanceof Address address) {
            address.getLine().forEach(line -> add(param, line.getValue(), out));
            add(param, address.getCity(), out);
            add(param, address.getDistrict(), out);
            add(param, address.getState(), out);
            add(param, address.getPostalCode(), out);
            add(param, address.getCountry(), out);
            add(param, address.getText(), out);
        } else if (value instanceof StringType || value instanceof PrimitiveType<?>) {
            add(param, ((PrimitiveType<?>) value).getValueAsString(), out);
        }
    }

    /** Case- and accent-insensitive form used for the default string match. */
    public static String normalize(String value) {
        // Most indexed text (codes' displays, names, identifiers) is ASCII: no marks to strip.
        if (isAscii(value)) {
            return value.toLowerCase(Locale.ROOT);
        }
        String decomposed = Normalizer.normalize(value, Normalizer.Form.NFD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int codePoint = decomposed.codePointAt(i);
            if (!isMark(codePoint)) {
                folded.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return folded.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static void add(String param, String text, Set<StringRow> out) {
        if (text != null && !text.isBlank()) {
            out.add(new StringRow(param, normalize(text), text));
        }
    }
}
