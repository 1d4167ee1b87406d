package org.hrgateway.search.index;

/**
 * A token index value: system may be null (code only); `text` is the folded display or concept
 * text that `:text` searches (a row with only text stands for CodeableConcept.text).
 */
public record TokenRow(String param, String system, String code, String text) {

    public TokenRow {
        system = IndexedText.cap(system);
        code = IndexedText.cap(code);
        text = IndexedText.cap(text);
    }
}
