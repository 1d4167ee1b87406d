package org.hrgateway.search.query;

import org.hrgateway.fhir.DateRange;

/** `_id` and `_lastUpdated`, answered from the resource row itself. */
final class ResourceColumnClause {

    private ResourceColumnClause() {
    }

    static void append(Criterion criterion, String alias, SqlWriter sql, QueryContext context) {
        if (criterion.modifier() != null && !(criterion.name().equals("_id") && "not".equals(criterion.modifier()))) {
            throw CriteriaParser.invalid("Modifier :" + criterion.modifier() + " is not supported on " + criterion.name());
        }
        if (criterion.name().equals("_id")) {
            sql.append("not".equals(criterion.modifier()) ? alias + ".res_id not in (" : alias + ".res_id in (");
            for (int n = 0; n < criterion.values().size(); n++) {
                sql.append(n == 0 ? "" : ", ").bind(criterion.values().get(n));
            }
            sql.append(")");
            return;
        }
        sql.append("(");
        for (int n = 0; n < criterion.values().size(); n++) {
            Prefix.Prefixed prefixed = Prefix.split(criterion.values().get(n));
            DateRange range = DateConditions.parse(prefixed.value(), context.zone());
            sql.append(n == 0 ? "(" : " or (");
            DateConditions.append(prefixed.prefix(), alias + ".last_updated", alias + ".last_updated", range, sql);
            sql.append(")");
        }
        sql.append(")");
    }
}
