package org.hrgateway.validation.compiled;

import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The format check of a primitive type's values: its regex from the R4 definitions, or, for the
 * regexes met on nearly every element (string, code, uri), a character loop that accepts exactly
 * what the regex accepts. Java's regex engine walks its character classes through a chain of
 * predicates per character, which showed up in profiles of profiled ingest. `\s` below is Java's
 * default class `[ \t\n\x0B\f\r]`; PrimitiveFormatTest holds each loop to its regex.
 */
final class PrimitiveFormat {

    /** string: `^[\s\S]+$` (as HAPI's fixer rewrites the published regex), any non-empty text. */
    static final String STRING = "^[\\s\\S]+$";
    /** code: `[^\s]+(\s[^\s]+)*`, words separated by single whitespace characters. */
    static final String CODE = "[^\\s]+(\\s[^\\s]+)*";
    /** uri: `\S*`, no whitespace at all. */
    static final String URI = "\\S*";

    private static final Map<String, Predicate<String>> LOOPS = Map.of(
            STRING, PrimitiveFormat::isString,
            CODE, PrimitiveFormat::isCode,
            URI, PrimitiveFormat::isUri);

    private PrimitiveFormat() {
    }

    static Predicate<String> of(String regex) {
        Predicate<String> loop = LOOPS.get(regex);
        if (loop != null) {
            return loop;
        }
        Pattern pattern = Pattern.compile(regex);
        return text -> pattern.matcher(text).matches();
    }

    private static boolean isString(String text) {
        return !text.isEmpty();
    }

    private static boolean isCode(String text) {
        if (text.isEmpty()) {
            return false;
        }
        boolean previousWhitespace = true; // no whitespace may open the code
        for (int i = 0; i < text.length(); i++) {
            boolean whitespace = isWhitespace(text.charAt(i));
            if (whitespace && previousWhitespace) {
                return false;
            }
            previousWhitespace = whitespace;
        }
        return !previousWhitespace; // nor close it
    }

    private static boolean isUri(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
