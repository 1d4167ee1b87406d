package org.hrgateway.search.query;

/** Number criteria (search.html#number): prefixes with implicit precision; :missing. */
final class NumberClause {

    private NumberClause() {
    }

    static void append(Criterion criterion, String alias, String type, SqlWriter sql) {
        if ("missing".equals(criterion.modifier())) {
            IndexJoin.missing(sql, "idx_number", alias, type, criterion.name(), criterion.values().get(0));
            return;
        }
        DateClause.rejectModifier(criterion);
        String i = IndexJoin.open(sql, "idx_number", alias, type, criterion.name(), false);
        IndexJoin.anyOf(sql, criterion.values(), value -> {
            Prefix.Prefixed prefixed = Prefix.split(value);
            NumberConditions.append(prefixed.prefix(), i + ".low", i + ".high",
                    NumberConditions.parse(prefixed.value()), sql);
        });
        IndexJoin.close(sql);
    }
}
