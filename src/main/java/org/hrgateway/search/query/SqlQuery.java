package org.hrgateway.search.query;

import java.util.Collections;
import java.util.List;

/** A SQL text with `?n` placeholders and the values bound to them, in order. */
public record SqlQuery(String sql, List<Object> parameters) {

    public SqlQuery {
        parameters = Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }
}
