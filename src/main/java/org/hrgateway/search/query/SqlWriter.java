package org.hrgateway.search.query;

import java.util.ArrayList;
import java.util.List;

/** SQL text under construction with its bind values; values are always bound as `?n`, never spliced. */
public final class SqlWriter {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private int aliases;

    public SqlWriter append(String text) {
        sql.append(text);
        return this;
    }

    /** Appends a placeholder bound to `value`. */
    public SqlWriter bind(Object value) {
        parameters.add(value);
        sql.append('?').append(parameters.size());
        return this;
    }

    /** A fresh table alias, so that nested sub-queries (chains) never shadow each other. */
    public String alias(String prefix) {
        return prefix + (++aliases);
    }

    public SqlQuery build() {
        return new SqlQuery(sql.toString(), parameters);
    }

    @Override
    public String toString() {
        return sql.toString();
    }
}
