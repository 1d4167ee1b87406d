package org.hrgateway.search.query;

import java.util.List;

/** A SQL text with `?n` placeholders and the values bound to them, in order. */
public record SqlQuery(String sql, List<Object> parameters) {
}
