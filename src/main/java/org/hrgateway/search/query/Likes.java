package org.hrgateway.search.query;

/** LIKE patterns with the user's `%`, `_` and `\` taken literally. */
final class Likes {

    private Likes() {
    }

    static String prefix(String value) {
        return escape(value) + "%";
    }

    static String contains(String value) {
        return "%" + escape(value) + "%";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
