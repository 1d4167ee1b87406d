package org.hrgateway.search.query;

import org.hrgateway.fhir.PayloadInspector;

import java.math.BigDecimal;

/**
 * Number comparisons (search.html#number): eq honours the search value's implicit precision
 * (`100` means [99.5, 100.5)); a stored Range is [low, high] with open ends unbounded.
 */
final class NumberConditions {

    private static final BigDecimal TENTH = new BigDecimal("0.1");

    private NumberConditions() {
    }

    static BigDecimal parse(String value) {
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw CriteriaParser.invalid("'" + value + "' is not a number");
        }
        // 1e999999 is a number, but its implicit range has a million digits and PostgreSQL's numeric
        // overflows: bounded as a body's numbers are.
        long magnitude = (long) number.precision() - number.scale();
        if (Math.abs(magnitude) > PayloadInspector.MAX_EXPONENT || Math.abs((long) number.scale()) > PayloadInspector.MAX_EXPONENT) {
            throw CriteriaParser.invalid("'" + value + "' is out of range: a search number has an exponent of at most "
                    + PayloadInspector.MAX_EXPONENT);
        }
        return number;
    }

    static void append(Prefix prefix, String lowColumn, String highColumn, BigDecimal value, SqlWriter sql) {
        String low = "coalesce(" + lowColumn + ", '-Infinity'::numeric)";
        String high = "coalesce(" + highColumn + ", 'Infinity'::numeric)";
        BigDecimal half = BigDecimal.ONE.movePointLeft(Math.max(value.scale(), 0)).divide(BigDecimal.valueOf(2));
        switch (prefix) {
            case EQ -> within(low, high, value.subtract(half), value.add(half), sql);
            case NE -> {
                sql.append("not (");
                within(low, high, value.subtract(half), value.add(half), sql);
                sql.append(")");
            }
            case GT -> sql.append(high).append(" > ").bind(value);
            case LT -> sql.append(low).append(" < ").bind(value);
            case GE -> sql.append(high).append(" >= ").bind(value);
            case LE -> sql.append(low).append(" <= ").bind(value);
            case SA -> sql.append(low).append(" > ").bind(value);
            case EB -> sql.append(high).append(" < ").bind(value);
            case AP -> {
                BigDecimal slack = value.abs().multiply(TENTH);
                sql.append(low).append(" <= ").bind(value.add(slack))
                        .append(" and ").append(high).append(" >= ").bind(value.subtract(slack));
            }
            default -> throw new IllegalStateException(prefix.name());
        }
    }

    private static void within(String low, String high, BigDecimal from, BigDecimal to, SqlWriter sql) {
        sql.append(low).append(" >= ").bind(from).append(" and ").append(high).append(" < ").bind(to);
    }
}
