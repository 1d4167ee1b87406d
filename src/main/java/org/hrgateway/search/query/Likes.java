package org.hrgateway.search.query;

/**
 * Text matches: LIKE patterns with the user's `%`, `_` and `\` taken literally, and prefixes as
 * ranges. A prefix written as `column like $1` can use a `text_pattern_ops` index only when
 * PostgreSQL plans for the bound pattern; the pool runs every statement with its generic plan
 * (ADR 0003), which cannot, and scanned every name of a type instead (150 ms against 15 ms for
 * `Patient?name=` on 200,000 patients). The same prefix as a range, `column ~>=~ $1 and column ~<~ $2`,
 * is exact (the operators compare bytes, and UTF-8's byte order is its code points' order) and
 * always an index range.
 */
final class Likes {

    private Likes() {
    }

    static String contains(String value) {
        return "%" + escape(value) + "%";
    }

    /** `column` starts with `prefix`. */
    static void startsWith(SqlWriter sql, String column, String prefix) {
        String after = after(prefix);
        sql.append("(").append(column).append(" ~>=~ ").bind(prefix);
        if (after != null) {
            sql.append(" and ").append(column).append(" ~<~ ").bind(after);
        }
        sql.append(")");
    }

    /**
     * The least string above every string that starts with `prefix`: its last code point that can
     * be raised, raised by one (surrogates are not characters); null when there is none (an empty
     * prefix, or one of U+10FFFF only), for then every string from `prefix` on starts with it.
     */
    static String after(String prefix) {
        int[] points = prefix.codePoints().toArray();
        for (int last = points.length - 1; last >= 0; last--) {
            int next = points[last] + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : points[last] + 1;
            if (next <= Character.MAX_CODE_POINT) {
                points[last] = next;
                return new String(points, 0, last + 1);
            }
        }
        return null;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
