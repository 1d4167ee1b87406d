package org.hrgateway.search.param;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a SearchParameter expression shared by many types (`AllergyIntolerance.code | Observation.code
 * | ...`) down to the alternatives for one type, so each resource evaluates only its own paths.
 * Expressions on `Resource` or `DomainResource` apply to every type and are rewritten to it.
 */
public final class ExpressionNarrowing {

    private ExpressionNarrowing() {
    }

    /** The alternatives for `type` joined with ` | `, or null when none applies. */
    static String forType(String expression, String type) {
        List<String> kept = new ArrayList<>();
        for (String alternative : splitTopLevel(expression)) {
            String trimmed = alternative.trim();
            String root = rootOf(trimmed);
            if (root.equals(type)) {
                kept.add(trimmed);
            } else if (root.equals("Resource") || root.equals("DomainResource")) {
                kept.add(trimmed.replaceFirst(root, type));
            }
        }
        return kept.isEmpty() ? null : String.join(" | ", kept);
    }

    /** The leading type name of an alternative such as `(Observation.value as Quantity)`. */
    private static String rootOf(String alternative) {
        int start = 0;
        while (start < alternative.length() && alternative.charAt(start) == '(') {
            start++;
        }
        int end = start;
        while (end < alternative.length() && Character.isLetterOrDigit(alternative.charAt(end))) {
            end++;
        }
        return alternative.substring(start, end);
    }

    /** Splits on `|` outside parentheses and quoted strings. */
    public static List<String> splitTopLevel(String expression) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int from = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\'' && (i == 0 || expression.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == '|') {
                parts.add(expression.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(expression.substring(from));
        return parts;
    }
}
