package org.hrgateway.search.query;

import java.util.Locale;

/** The comparison prefixes of number, date and quantity values (search.html#prefix). */
public enum Prefix {
    EQ, NE, GT, LT, GE, LE, SA, EB, AP;

    /** A value split into its prefix (default eq) and the rest. */
    public record Prefixed(Prefix prefix, String value) {
    }

    public static Prefixed split(String value) {
        if (value.length() > 2 && Character.isLetter(value.charAt(0)) && Character.isLetter(value.charAt(1))) {
            String code = value.substring(0, 2).toUpperCase(Locale.ROOT);
            for (Prefix prefix : values()) {
                if (prefix.name().equals(code)) {
                    return new Prefixed(prefix, value.substring(2));
                }
            }
            throw CriteriaParser.invalid("Unknown prefix '" + value.substring(0, 2) + "' in '" + value
                    + "' (expected eq, ne, gt, lt, ge, le, sa, eb or ap)");
        }
        return new Prefixed(EQ, value);
    }
}
