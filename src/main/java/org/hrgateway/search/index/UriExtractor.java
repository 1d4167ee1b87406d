package org.hrgateway.search.index;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.PrimitiveType;

import java.util.Set;

/** Uri values (search.html#uri) from uri, url, canonical and oid elements. */
final class UriExtractor {

    private UriExtractor() {
    }

    static void extract(String param, IBase value, Set<UriRow> out) {
        if (value instanceof PrimitiveType<?> primitive && primitive.hasValue()) {
            out.add(new UriRow(param, primitive.getValueAsString()));
        }
    }
}
