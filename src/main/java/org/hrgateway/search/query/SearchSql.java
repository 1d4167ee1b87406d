package org.hrgateway.search.query;

import java.util.List;

/**
 * The SQL of a search: one statement for a page (criteria as semi-joins, sort keys as sub-selects,
 * keyset predicate on the cursor), one for the count, one per include. Rows of page and include
 * queries start with the columns named by the constants below.
 */
public final class SearchSql {

    public static final int PK = 0;
    public static final int TYPE = 1;
    public static final int ID = 2;
    public static final int VERSION = 3;
    public static final int LAST_UPDATED = 4;
    public static final int CONTENT = 5;
    public static final int FIRST_SORT_VALUE = 6;

    private static final String ROW_COLUMNS = "%1$s.pk, %1$s.res_type, %1$s.res_id, %1$s.version_id, %1$s.last_updated, %1$s.content";

    private SearchSql() {
    }

    /** Current resources of `type` matching all criteria, in insertion order (conditional interactions). */
    public static SqlQuery matching(String type, List<Criterion> criteria, QueryContext context, int limit) {
        SqlWriter sql = new SqlWriter();
        sql.append("select r.* from resource r where r.res_type = ").name(type).append(" and not r.deleted");
        CriteriaSql.appendAll(criteria, "r", type, sql, context);
        sql.append(" order by r.pk limit " + limit);
        return sql.build();
    }

    /** One page: `count + 1` rows, the extra one telling whether another page follows. */
    public static SqlQuery page(SearchRequest request, QueryContext context) {
        SqlWriter sql = new SqlWriter();
        sql.append("select * from (select ").append(ROW_COLUMNS.formatted("r"));
        List<SortKey> sort = request.sort();
        for (int i = 0; i < sort.size(); i++) {
            sql.append(", ");
            sortExpression(sort.get(i), "r", request.type(), sql);
            sql.append(" as s" + i);
        }
        sql.append(" from resource r where r.res_type = ").name(request.type()).append(" and not r.deleted");
        CriteriaSql.appendAll(request.criteria(), "r", request.type(), sql, context);
        sql.append(") q");
        Cursor cursor = request.cursor();
        if (cursor != null) {
            sql.append(" where ");
            Keyset.append(sort, cursor, sql);
        }
        boolean backwards = cursor != null && cursor.backwards();
        sql.append(" order by ");
        for (int i = 0; i < sort.size(); i++) {
            boolean descending = sort.get(i).descending() != backwards;
            // Missing values sort last going forwards, so first going backwards.
            sql.append("q.s" + i).append(descending ? " desc" : " asc").append(backwards ? " nulls first, " : " nulls last, ");
        }
        sql.append(backwards ? "q.pk desc" : "q.pk asc").append(" limit " + (request.count() + 1));
        return sql.build();
    }

    public static SqlQuery count(SearchRequest request, QueryContext context) {
        SqlWriter sql = new SqlWriter();
        sql.append("select count(*) from resource r where r.res_type = ").name(request.type()).append(" and not r.deleted");
        CriteriaSql.appendAll(request.criteria(), "r", request.type(), sql, context);
        return sql.build();
    }

    /** The planner's row estimate for the search: `_total=estimate` without counting. */
    public static SqlQuery estimate(SearchRequest request, QueryContext context) {
        SqlWriter sql = new SqlWriter();
        sql.append("explain (format json) select 1 from resource r where r.res_type = ").name(request.type())
                .append(" and not r.deleted");
        CriteriaSql.appendAll(request.criteria(), "r", request.type(), sql, context);
        return sql.build();
    }

    /** Resources that the rows `sourcePks` (of the include's source type) point at, on this server. */
    public static SqlQuery include(Include include, List<Long> sourcePks, int limit, QueryContext context) {
        SqlWriter sql = new SqlWriter();
        sql.append("select distinct ").append(ROW_COLUMNS.formatted("t"))
                .append(" from idx_reference i join resource t on t.res_type = i.target_type and t.res_id = i.target_id")
                .append(" where i.res_type = ").name(include.sourceType());
        if (!include.allParams()) {
            sql.append(" and i.param = ").name(include.param());
        }
        if (include.targetType() != null) {
            sql.append(" and i.target_type = ").bind(include.targetType());
        }
        ReferenceClause.appendLocal("i", sql, context);
        sql.append(" and not t.deleted and i.resource_pk in (");
        for (int n = 0; n < sourcePks.size(); n++) {
            sql.append(n == 0 ? "" : ", ").bind(sourcePks.get(n));
        }
        sql.append(") limit " + limit);
        return sql.build();
    }

    /** Resources of the include's source type that point at the given `Type/id` targets of this server. */
    public static SqlQuery revinclude(Include include, List<String[]> targets, int limit, QueryContext context) {
        SqlWriter sql = new SqlWriter();
        sql.append("select distinct ").append(ROW_COLUMNS.formatted("s"))
                .append(" from idx_reference i join resource s on s.pk = i.resource_pk where ");
        if (include.sourceType().equals("*")) {
            sql.append("true");
        } else {
            sql.append("i.res_type = ").name(include.sourceType());
        }
        if (!include.allParams()) {
            sql.append(" and i.param = ").name(include.param());
        }
        ReferenceClause.appendLocal("i", sql, context);
        sql.append(" and not s.deleted and (");
        for (int n = 0; n < targets.size(); n++) {
            sql.append(n == 0 ? "(" : " or (").append("i.target_type = ").bind(targets.get(n)[0])
                    .append(" and i.target_id = ").bind(targets.get(n)[1]).append(")");
        }
        sql.append(") limit " + limit);
        return sql.build();
    }

    /** A sort key's value for one resource: the lowest value ascending, the highest descending. */
    private static void sortExpression(SortKey key, String alias, String type, SqlWriter sql) {
        if (key.param() == null) {
            sql.append(alias).append(key.name().equals("_id") ? ".res_id" : ".last_updated");
            return;
        }
        String aggregate = key.descending() ? "max" : "min";
        String table;
        String column;
        switch (key.param().type()) {
            case DATE -> {
                table = "idx_date";
                column = key.descending() ? "high" : "low";
            }
            case STRING -> {
                table = "idx_string";
                column = "value_normalized";
            }
            case TOKEN -> {
                table = "idx_token";
                column = "code";
            }
            case NUMBER -> {
                table = "idx_number";
                column = key.descending() ? "high" : "low";
            }
            case QUANTITY -> {
                table = "idx_quantity";
                column = key.descending() ? "high" : "low";
            }
            case URI -> {
                table = "idx_uri";
                column = "uri";
            }
            case REFERENCE -> {
                table = "idx_reference";
                column = "target_type || '/' || target_id";
            }
            default -> throw CriteriaParser.invalid("Cannot sort by " + key.name());
        }
        String x = sql.alias("o");
        String value = column.contains("||") ? x + ".target_type || '/' || " + x + ".target_id" : x + "." + column;
        sql.append("(select ").append(aggregate).append("(").append(value).append(") from ").append(table)
                .append(" ").append(x).append(" where ")
                .append(x).append(".resource_pk = ").append(alias).append(".pk and ").append(x).append(".res_type = ")
                .name(type).append(" and ").append(x).append(".param = ").name(key.param().code()).append(")");
    }
}
