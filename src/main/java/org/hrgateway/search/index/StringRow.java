package org.hrgateway.search.index;

/** A string index value, kept both as written (`:exact`) and folded for the default prefix match. */
public record StringRow(String param, String normalized, String exact) {

    public StringRow {
        normalized = IndexedText.cap(normalized);
    }
}
