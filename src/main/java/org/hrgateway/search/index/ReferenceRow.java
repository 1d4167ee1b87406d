package org.hrgateway.search.index;

/**
 * A reference index value: type and id for references to resources (relative or absolute), and the
 * URL itself for absolute and canonical references, so `subject=http://peer/fhir/Patient/1` works too.
 */
public record ReferenceRow(String param, String targetType, String targetId, String targetUrl) {

    public ReferenceRow {
        targetUrl = IndexedText.cap(targetUrl);
    }
}
