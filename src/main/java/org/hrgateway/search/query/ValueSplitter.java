package org.hrgateway.search.query;

import java.util.ArrayList;
import java.util.List;

/** Splits search values on unescaped separators (`|` of tokens, `$` of composites) and unescapes them. */
final class ValueSplitter {

    private ValueSplitter() {
    }

    static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                current.append(value.charAt(++i));
            } else if (c == separator) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    /** Splits at the first unescaped separator only: `system|code|value` → `system`, `code|value`. */
    static String[] splitFirst(String value, char separator) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == separator) {
                return new String[]{unescape(value.substring(0, i)), value.substring(i + 1)};
            }
        }
        return new String[]{unescape(value)};
    }

    static String unescape(String value) {
        return value.replace("\\|", "|").replace("\\$", "$").replace("\\,", ",").replace("\\\\", "\\");
    }
}
