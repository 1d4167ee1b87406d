package org.hrgateway.store;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Creates resources, as version 1, with one statement of fixed text however many there are: keys
 * from the sequence, the resource rows, their first versions and the rows of every index table
 * (whose parts {@link IndexTables} renders), each from arrays (one per column) unnested in a CTE. One round trip instead of one per table, and
 * the statement is prepared once: a write's cost is then mostly PostgreSQL's own.
 *
 * <p>Every value travels as text, cast to its column's type in the statement (numbers and instants
 * exactly as written). It runs in a Hibernate Reactive session's transaction, whoever creates
 * (docs/adr/0011): one text, rendered once.
 */
final class CreateStatement {

    /** A resource ready to be created: version 1 encoded, and its index. */
    record Row(StoredResource stored, IndexRows index) {
    }

    /** The resource columns bound per resource, in order. */
    private static final List<String> RESOURCE_COLUMNS = List.of("res_type", "res_id", "last_updated", "method", "content");

    private final IndexTables indexes;
    private final String sql;

    CreateStatement(IndexTables indexes) {
        this.indexes = indexes;
        this.sql = render();
    }

    /** Inside the session's transaction. */
    Uni<Void> execute(Mutiny.Session session, List<Row> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem() : NativeSql.execute(session, sql, parameters(rows));
    }

    String sql() {
        return sql;
    }

    /** `?n` placeholders, as Hibernate takes them. */
    private String render() {
        int[] number = {1};
        Supplier<String> next = () -> "?" + number[0]++;
        // The next parameter, as an array of the given SQL type.
        Function<String, String> array = type -> "cast(" + next.get() + " as " + type + "[])";
        StringBuilder sql = new StringBuilder("with keys as materialized (\n    select u.n, nextval(pg_get_serial_sequence('resource', 'pk')) as pk,")
                .append(" u.res_type, u.res_id, cast(u.last_updated as timestamptz) as last_updated, u.method, u.content\n      from unnest(");
        for (int i = 0; i < RESOURCE_COLUMNS.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(array.apply("text"));
        }
        sql.append(") with ordinality as u(").append(String.join(", ", RESOURCE_COLUMNS)).append(", n)\n)")
                .append(", versions as (\n    insert into resource_version (resource_pk, res_type, res_id, version_id, last_updated, method, content)")
                .append("\n    select pk, res_type, res_id, 1, last_updated, method, content from keys order by n\n)");
        sql.append(indexes.insertParts(next));
        return sql.append("\ninsert into resource (pk, res_type, res_id, version_id, last_updated, deleted, content)")
                .append("\nselect pk, res_type, res_id, 1, last_updated, false, content from keys order by n").toString();
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
        parameters.addAll(indexes.insertValues(rows.stream().map(Row::index).toList()));
        return parameters;
    }
}
