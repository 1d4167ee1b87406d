package org.hrgateway.search.index;

import java.util.Set;

/** Every index value of one resource version, by parameter type. */
public record ResourceIndex(Set<TokenRow> tokens, Set<StringRow> strings, Set<ReferenceRow> references) {

    public static final ResourceIndex EMPTY = new ResourceIndex(Set.of(), Set.of(), Set.of());
}
