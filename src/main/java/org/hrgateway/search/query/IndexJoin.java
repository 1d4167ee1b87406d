package org.hrgateway.search.query;

/**
 * The shape every index criterion shares: `[not] exists (select 1 from idx_x i where i.resource_pk =
 * r.pk and i.res_type = ? and i.param = ? and (...))`. The type and parameter lead, so PostgreSQL can
 * start from the index's lookup b-tree when the value is selective, or probe by resource otherwise.
 */
final class IndexJoin {

    private IndexJoin() {
    }

    /** Opens the exists and returns the index alias; the caller appends its value condition, then `close`. */
    static String open(SqlWriter sql, String table, String resourceAlias, String resourceType, String param,
                       boolean negated) {
        String alias = sql.alias("i");
        sql.append(negated ? "not exists (select 1 from " : "exists (select 1 from ").append(table).append(" ")
                .append(alias).append(" where ").append(alias).append(".resource_pk = ").append(resourceAlias)
                .append(".pk and ").append(alias).append(".res_type = ").name(resourceType)
                .append(" and ").append(alias).append(".param = ").name(param);
        return alias;
    }

    static void close(SqlWriter sql) {
        sql.append(")");
    }

    /** `:missing=true|false` for any parameter stored in `table`. */
    static void missing(SqlWriter sql, String table, String resourceAlias, String resourceType, String param,
                        String value) {
        boolean missing = switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw CriteriaParser.invalid(":missing takes true or false, not '" + value + "'");
        };
        open(sql, table, resourceAlias, resourceType, param, missing);
        close(sql);
    }

    /** Appends `(a) or (b) ...` for each value, written by `each`. */
    static void anyOf(SqlWriter sql, java.util.List<String> values, java.util.function.Consumer<String> each) {
        sql.append(" and (");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "(" : " or (");
            each.accept(values.get(i));
            sql.append(")");
        }
        sql.append(")");
    }
}
