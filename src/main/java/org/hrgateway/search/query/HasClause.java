package org.hrgateway.search.query;

/**
 * Reverse chaining (search.html#has): `_has:Observation:patient:code=718-7` selects the resources
 * that some Observation with that code points at through its `patient` parameter.
 */
final class HasClause {

    private HasClause() {
    }

    static void append(Criterion criterion, String alias, SqlWriter sql, QueryContext context) {
        Criterion.Has has = criterion.has();
        String i = sql.alias("h");
        String source = sql.alias("s");
        sql.append("exists (select 1 from idx_reference ").append(i).append(" join resource ").append(source)
                .append(" on ").append(source).append(".pk = ").append(i).append(".resource_pk where ")
                .append(i).append(".res_type = ").name(has.sourceType())
                .append(" and ").append(i).append(".param = ").name(has.referenceParam())
                .append(" and ").append(i).append(".target_type = ").append(alias).append(".res_type and ")
                .append(i).append(".target_id = ").append(alias).append(".res_id and not ")
                .append(source).append(".deleted");
        ReferenceClause.appendLocal(i, sql, context);
        sql.append(" and ");
        CriteriaSql.append(has.inner(), source, has.sourceType(), sql, context);
        sql.append(")");
    }
}
