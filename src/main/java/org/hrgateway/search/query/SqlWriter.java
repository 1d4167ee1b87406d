package org.hrgateway.search.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SQL text under construction with its bind values. Values from the request are bound as `?n`,
 * never spliced; only names of the server's own vocabulary (resource types, parameter codes) and
 * plain token codes may be written as literals, through {@link #name} and {@link #code}, and only
 * when they consist of letters, digits and `_:.-`.
 */
public final class SqlWriter {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_:.\\-]{1,64}");

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

    /**
     * Appends a resource type or parameter code as a literal. PostgreSQL keeps a generic plan for a
     * prepared statement after a few executions; with the parameter named in the text that plan is
     * made with the statistics of that parameter (a patient reference is selective, a LOINC code is
     * not) instead of an average over all of them. Anything that is not a plain name is bound.
     */
    public SqlWriter name(String name) {
        if (!PLAIN_NAME.matcher(name).matches()) {
            return bind(name);
        }
        sql.append('\'').append(name).append('\'');
        return this;
    }

    /**
     * Appends a token code (`718-7`) as a literal when it is plain, else binds it. Codes differ
     * widely in frequency (a blood count is in most patients' results, a rare marker in few): in the
     * text, the generic plan is made with the code's own statistics, so a search for one patient's
     * haemoglobin starts from the patient, not from every haemoglobin result (43 ms against 0.5 ms
     * once the tables had been analysed; see bench/RESULTS.md).
     */
    public SqlWriter code(String code) {
        return name(code);
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
