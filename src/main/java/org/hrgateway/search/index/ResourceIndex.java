package org.hrgateway.search.index;

import org.hrgateway.store.IndexRows;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Every index value of one resource version, by parameter type: its rows in the index tables. */
public record ResourceIndex(Set<TokenRow> tokens, Set<StringRow> strings, Set<ReferenceRow> references,
                            Set<DateRow> dates, Set<NumberRow> numbers, Set<QuantityRow> quantities,
                            Set<UriRow> uris, Set<CompositeRow> composites) implements IndexRows {

    public static final ResourceIndex EMPTY = new ResourceIndex(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
            Set.of(), Set.of(), Set.of());

    /**
     * The same index with placeholder references (a transaction's `urn:uuid:` fullUrls, conditional
     * references) replaced by the `Type/id` they were resolved to.
     */
    public ResourceIndex withResolvedReferences(Map<String, String> resolved) {
        if (resolved.isEmpty()) {
            return this;
        }
        Set<ReferenceRow> rows = new HashSet<>();
        for (ReferenceRow row : references) {
            String target = row.targetUrl() == null ? null : resolved.get(row.targetUrl());
            if (target == null) {
                rows.add(row);
            } else {
                int slash = target.indexOf('/');
                rows.add(new ReferenceRow(row.param(), target.substring(0, slash), target.substring(slash + 1), null));
            }
        }
        return new ResourceIndex(tokens, strings, rows, dates, numbers, quantities, uris, composites);
    }
}
