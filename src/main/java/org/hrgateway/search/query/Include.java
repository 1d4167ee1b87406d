package org.hrgateway.search.query;

/**
 * An `_include` or `_revinclude` (search.html#include): `SourceType:param[:TargetType]`, with `*`
 * standing for every reference parameter of the source type; `iterate` repeats it over what it added.
 */
public record Include(String sourceType, String param, String targetType, boolean iterate) {

    public boolean allParams() {
        return "*".equals(param);
    }
}
