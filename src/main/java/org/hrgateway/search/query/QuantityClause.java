package org.hrgateway.search.query;

import java.util.List;

/**
 * Quantity criteria (search.html#quantity): `[prefix]number[|system|code]`; with no system the
 * code matches either the coded unit or the human one (`5.4||mg`); :missing.
 */
final class QuantityClause {

    private QuantityClause() {
    }

    static void append(Criterion criterion, String alias, String type, SqlWriter sql) {
        if ("missing".equals(criterion.modifier())) {
            IndexJoin.missing(sql, "idx_quantity", alias, type, criterion.name(), criterion.values().get(0));
            return;
        }
        DateClause.rejectModifier(criterion);
        String i = IndexJoin.open(sql, "idx_quantity", alias, type, criterion.name(), false);
        IndexJoin.anyOf(sql, criterion.values(), value ->
                appendValue(value, i + ".low", i + ".high", i + ".system", i + ".code", i + ".unit", sql));
        IndexJoin.close(sql);
    }

    /** One quantity value against the given columns; `unitColumn` may be null where none is stored. */
    static void appendValue(String value, String low, String high, String systemColumn, String codeColumn,
                            String unitColumn, SqlWriter sql) {
        List<String> parts = ValueSplitter.split(value, '|');
        if (parts.size() != 1 && parts.size() != 3) {
            throw CriteriaParser.invalid("A quantity is number, or number|system|code, not '" + value + "'");
        }
        Prefix.Prefixed prefixed = Prefix.split(parts.get(0));
        NumberConditions.append(prefixed.prefix(), low, high, NumberConditions.parse(prefixed.value()), sql);
        if (parts.size() == 3) {
            String system = parts.get(1);
            String code = parts.get(2);
            if (!system.isEmpty()) {
                sql.append(" and ").append(systemColumn).append(" = ").bind(system);
            }
            if (!code.isEmpty()) {
                sql.append(" and (").append(codeColumn).append(" = ").bind(code);
                if (system.isEmpty() && unitColumn != null) {
                    sql.append(" or ").append(unitColumn).append(" = ").bind(code);
                }
                sql.append(")");
            }
        }
    }
}
