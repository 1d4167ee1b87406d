package org.hrgateway.search.query;

import java.util.List;

/**
 * The keyset predicate that continues a search after (or, going back, before) a cursor: rows whose
 * sort values come later in the order `s0, s1, ..., pk`, with missing values sorting last.
 */
final class Keyset {

    private Keyset() {
    }

    static void append(List<SortKey> sort, Cursor cursor, SqlWriter sql) {
        boolean back = cursor.backwards();
        sql.append("(");
        for (int i = 0; i <= sort.size(); i++) {
            sql.append(i == 0 ? "(" : " or (");
            for (int j = 0; j < i; j++) {
                Object value = cursor.sortValues().get(j);
                if (value == null) {
                    sql.append("q.s" + j + " is null and ");
                } else {
                    sql.append("q.s" + j + " = ").bind(value).append(" and ");
                }
            }
            if (i == sort.size()) {
                sql.append(back ? "q.pk < " : "q.pk > ").bind(cursor.pk());
            } else {
                beyond(i, sort.get(i).descending(), cursor.sortValues().get(i), back, sql);
            }
            sql.append(")");
        }
        sql.append(")");
    }

    /** `s_i` strictly after the value in the key's direction; null (missing) sorts after every value. */
    private static void beyond(int i, boolean descending, Object value, boolean back, SqlWriter sql) {
        String column = "q.s" + i;
        if (!back) {
            if (value == null) {
                sql.append("false");
            } else {
                sql.append("(").append(column).append(descending ? " < " : " > ").bind(value)
                        .append(" or ").append(column).append(" is null)");
            }
        } else {
            if (value == null) {
                sql.append(column).append(" is not null");
            } else {
                sql.append(column).append(descending ? " > " : " < ").bind(value);
            }
        }
    }
}
