package org.hrgateway.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hrgateway.search.index.IndexStore;
import org.hrgateway.search.index.ResourceIndex;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Creates resources, as version 1, with one statement of fixed text however many there are: keys
 * from the sequence, the resource rows, their first versions and the rows of every index table,
 * each from arrays (one per column) unnested in a CTE. One round trip instead of one per table, and
 * the statement is prepared once: a write's cost is then mostly PostgreSQL's own.
 *
 * <p>Every value travels as text, cast to its column's type in the statement (numbers and instants
 * exactly as written), so the same arrays bind through Hibernate and through the Vert.x client.
 */
final class CreateStatement {

    /** A resource ready to be created: version 1 encoded, and its index. */
    record Row(StoredResource stored, ResourceIndex index) {
    }

    /** The resource columns bound per resource, in order. */
    private static final List<String> RESOURCE_COLUMNS = List.of("res_type", "res_id", "last_updated", "method", "content");

    private final List<IndexStore.NewRows> tables;
    /** With `?n` placeholders, as Hibernate takes them. */
    private final String hibernateSql;
    /** With `$n` placeholders, as the Vert.x client takes them. */
    private final String clientSql;

    CreateStatement(List<IndexStore.NewRows> tables) {
        this.tables = List.copyOf(tables);
        this.hibernateSql = sql(n -> "?" + n);
        this.clientSql = sql(n -> "$" + n);
    }

    /** Inside the session's transaction. */
    Uni<Void> execute(Mutiny.Session session, List<Row> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem() : NativeSql.execute(session, hibernateSql, parameters(rows));
    }

    /** As a statement of its own: all the rows are created, or none. */
    Uni<Void> execute(SqlClient client, List<Row> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : client.preparedQuery(clientSql).execute(Tuple.from(parameters(rows))).replaceWithVoid();
    }

    String sql() {
        return clientSql;
    }

    private String sql(IntFunction<String> placeholder) {
        int[] next = {1};
        // The next parameter, as an array of the given SQL type.
        Function<String, String> array = type -> "cast(" + placeholder.apply(next[0]++) + " as " + type + "[])";
        StringBuilder sql = new StringBuilder("with keys as materialized (\n    select u.n, nextval(pg_get_serial_sequence('resource', 'pk')) as pk,")
                .append(" u.res_type, u.res_id, cast(u.last_updated as timestamptz) as last_updated, u.method, u.content\n      from unnest(");
        for (int i = 0; i < RESOURCE_COLUMNS.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(array.apply("text"));
        }
        sql.append(") with ordinality as u(").append(String.join(", ", RESOURCE_COLUMNS)).append(", n)\n)")
                .append(", versions as (\n    insert into resource_version (resource_pk, res_type, res_id, version_id, last_updated, method, content)")
                .append("\n    select pk, res_type, res_id, 1, last_updated, method, content from keys order by n\n)");
        for (IndexStore.NewRows table : tables) {
            sql.append(", ").append(table.table()).append("_rows as (\n    insert into ").append(table.table())
                    .append(" (resource_pk, res_type");
            table.columns().forEach(column -> sql.append(", ").append(column.name()));
            sql.append(")\n    select k.pk, k.res_type");
            for (int i = 0; i < table.columns().size(); i++) {
                sql.append(", ").append(selected(table.columns().get(i), "u.v" + (i + 1)));
            }
            sql.append(" from unnest(").append(array.apply("integer"));
            for (int i = 0; i < table.columns().size(); i++) {
                sql.append(", ").append(array.apply("text"));
            }
            sql.append(") as u(n");
            for (int i = 0; i < table.columns().size(); i++) {
                sql.append(", v").append(i + 1);
            }
            sql.append(")\n      join keys k on k.n = u.n\n)");
        }
        return sql.append("\ninsert into resource (pk, res_type, res_id, version_id, last_updated, deleted, content)")
                .append("\nselect pk, res_type, res_id, 1, last_updated, false, content from keys order by n").toString();
    }

    private static String selected(ColumnInsert.Column column, String value) {
        if (column.type() == String.class) {
            return value;
        }
        if (column.type() == BigDecimal.class) {
            return "cast(" + value + " as numeric)";
        }
        if (column.type() == OffsetDateTime.class) {
            return "cast(" + value + " as timestamptz)";
        }
        throw new IllegalArgumentException("No SQL type for index column " + column.name() + " of " + column.type().getName());
    }

    /** One array per column: the resources', then each table's ordinal and own columns. */
    private List<Object> parameters(List<Row> rows) {
        List<Object> parameters = new ArrayList<>();
        String[][] resources = new String[RESOURCE_COLUMNS.size()][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            StoredResource stored = rows.get(i).stored();
            resources[0][i] = stored.type();
            resources[1][i] = stored.id();
            resources[2][i] = stored.lastUpdated().toString();
            resources[3][i] = stored.method();
            resources[4][i] = stored.json();
        }
        parameters.addAll(List.of(resources));
        for (IndexStore.NewRows table : tables) {
            List<Integer> ordinals = new ArrayList<>();
            List<Object[]> values = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                for (Object[] row : table.rows().apply(rows.get(i).index())) {
                    ordinals.add(i + 1);
                    values.add(row);
                }
            }
            parameters.add(ordinals.toArray(Integer[]::new));
            for (int column = 0; column < table.columns().size(); column++) {
                String[] texts = new String[values.size()];
                for (int row = 0; row < values.size(); row++) {
                    texts[row] = text(values.get(row)[column]);
                }
                parameters.add(texts);
            }
        }
        return parameters;
    }

    private static String text(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        return value.toString(); // an OffsetDateTime in ISO-8601, which timestamptz reads back exactly
    }
}
