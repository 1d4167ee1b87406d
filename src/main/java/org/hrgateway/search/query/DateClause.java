package org.hrgateway.search.query;

/** Date criteria (search.html#date): all prefixes, partial dates and time zones, as ranges; :missing. */
final class DateClause {

    private DateClause() {
    }

    static void append(Criterion criterion, String alias, String type, SqlWriter sql, QueryContext context) {
        if ("missing".equals(criterion.modifier())) {
            IndexJoin.missing(sql, "idx_date", alias, type, criterion.name(), criterion.values().get(0));
            return;
        }
        rejectModifier(criterion);
        String i = IndexJoin.open(sql, "idx_date", alias, type, criterion.name(), false);
        IndexJoin.anyOf(sql, criterion.values(), value -> {
            Prefix.Prefixed prefixed = Prefix.split(value);
            DateConditions.append(prefixed.prefix(), i + ".low", i + ".high",
                    DateConditions.parse(prefixed.value(), context.zone()), sql);
        });
        IndexJoin.close(sql);
    }

    static void rejectModifier(Criterion criterion) {
        if (criterion.modifier() != null) {
            throw CriteriaParser.invalid("Modifier :" + criterion.modifier() + " is not supported on " + criterion.name());
        }
    }
}
