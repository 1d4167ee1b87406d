package org.hrgateway.search.query;

import java.util.List;

/** Appends the SQL condition of each criterion, by parameter type, against a resource alias. */
public final class CriteriaSql {

    private CriteriaSql() {
    }

    /** `criteria` ANDed, each a condition on the resource row `alias` of type `type`. */
    public static void appendAll(List<Criterion> criteria, String alias, String type, SqlWriter sql,
                                 QueryContext context) {
        for (Criterion criterion : criteria) {
            sql.append(" and ");
            append(criterion, alias, type, sql, context);
        }
    }

    static void append(Criterion criterion, String alias, String type, SqlWriter sql, QueryContext context) {
        if (criterion.has() != null) {
            HasClause.append(criterion, alias, sql, context);
            return;
        }
        if (criterion.param() == null) {
            ResourceColumnClause.append(criterion, alias, sql, context);
            return;
        }
        switch (criterion.param().type()) {
            case TOKEN -> TokenClause.append(criterion, alias, type, sql, context);
            case STRING -> StringClause.append(criterion, alias, type, sql);
            case REFERENCE -> ReferenceClause.append(criterion, alias, type, sql, context);
            case DATE -> DateClause.append(criterion, alias, type, sql, context);
            case NUMBER -> NumberClause.append(criterion, alias, type, sql);
            case QUANTITY -> QuantityClause.append(criterion, alias, type, sql);
            case URI -> UriClause.append(criterion, alias, type, sql);
            case COMPOSITE -> CompositeClause.append(criterion, alias, type, sql, context);
            default -> throw CriteriaParser.invalid("Parameter " + criterion.name() + " cannot be searched");
        }
    }
}
