package org.hrgateway.search.index;

/** A uri index value, kept as written (search.html#uri). */
public record UriRow(String param, String uri) {

    public UriRow {
        uri = IndexedText.cap(uri);
    }
}
