package org.hrgateway.search.index;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.UriType;

import java.util.Set;

/** Reference values (search.html#reference) from Reference, canonical and uri elements. */
final class ReferenceExtractor {

    private ReferenceExtractor() {
    }

    static void extract(String param, IBase value, Set<ReferenceRow> out) {
        if (value instanceof Reference reference) {
            add(param, reference.getReference(), out);
        } else if (value instanceof CanonicalType || value instanceof UriType) {
            String url = ((UriType) value).getValue();
            if (url != null && !url.isBlank()) {
                out.add(new ReferenceRow(param, null, null, url));
            }
        }
    }

    private static void add(String param, String reference, Set<ReferenceRow> out) {
        if (reference == null || reference.isBlank() || reference.startsWith("#")) {
            return; // contained references point inside the resource, not at an indexed one
        }
        // Placeholders a transaction resolves later (urn:uuid:, Type?search) are kept as written.
        if (reference.startsWith("urn:") || reference.indexOf('?') >= 0) {
            out.add(new ReferenceRow(param, null, null, reference));
            return;
        }
        IdType id = new IdType(reference);
        boolean absolute = id.isAbsolute();
        String type = id.getResourceType();
        String idPart = id.getIdPart();
        // A FHIR id has at most 64 characters: anything longer names no resource here, and is kept
        // as written (a client could otherwise make the row too long for its column).
        if (type == null || idPart == null || type.length() > 64 || idPart.length() > 64) {
            out.add(new ReferenceRow(param, null, null, reference));
            return;
        }
        out.add(new ReferenceRow(param, type, idPart, absolute ? id.toVersionless().getValue() : null));
    }
}
