package org.hrgateway.search.index;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps the index tables in step with the current version of a resource. On update only the rows
 * that changed are deleted or inserted, so re-sending an unchanged lab result costs two reads.
 */
@ApplicationScoped
public class IndexStore {

    private static final Table<TokenRow> TOKENS = new Table<>("idx_token",
            List.of("param", "system", "code"),
            row -> new Object[]{row.param(), row.system(), row.code()},
            values -> new TokenRow((String) values[0], (String) values[1], (String) values[2]));
    private static final Table<StringRow> STRINGS = new Table<>("idx_string",
            List.of("param", "value_normalized", "value_exact"),
            row -> new Object[]{row.param(), row.normalized(), row.exact()},
            values -> new StringRow((String) values[0], (String) values[1], (String) values[2]));
    private static final Table<ReferenceRow> REFERENCES = new Table<>("idx_reference",
            List.of("param", "target_type", "target_id", "target_url"),
            row -> new Object[]{row.param(), row.targetType(), row.targetId(), row.targetUrl()},
            values -> new ReferenceRow((String) values[0], (String) values[1], (String) values[2], (String) values[3]));

    /** Inserts every row of a resource that has no index rows yet. */
    public Uni<Void> insert(Mutiny.Session session, long resourcePk, String resourceType, ResourceIndex index) {
        return insertRows(session, TOKENS, resourcePk, resourceType, index.tokens())
                .chain(() -> insertRows(session, STRINGS, resourcePk, resourceType, index.strings()))
                .chain(() -> insertRows(session, REFERENCES, resourcePk, resourceType, index.references()));
    }

    /** Brings the rows of an existing resource to `index` (EMPTY after a delete). */
    public Uni<Void> sync(Mutiny.Session session, long resourcePk, String resourceType, ResourceIndex index) {
        return syncTable(session, TOKENS, resourcePk, resourceType, index.tokens())
                .chain(() -> syncTable(session, STRINGS, resourcePk, resourceType, index.strings()))
                .chain(() -> syncTable(session, REFERENCES, resourcePk, resourceType, index.references()));
    }

    private <R> Uni<Void> syncTable(Mutiny.Session session, Table<R> table, long pk, String type, Set<R> wanted) {
        return existing(session, table, pk)
                .chain(current -> {
                    Set<R> stale = new HashSet<>(current);
                    stale.removeAll(wanted);
                    Set<R> missing = new HashSet<>(wanted);
                    missing.removeAll(current);
                    return deleteRows(session, table, pk, stale)
                            .chain(() -> insertRows(session, table, pk, type, missing));
                });
    }

    private <R> Uni<Set<R>> existing(Mutiny.Session session, Table<R> table, long pk) {
        String sql = "select " + String.join(", ", table.columns) + " from " + table.name + " where resource_pk = ?1";
        return session.createNativeQuery(sql, Object[].class)
                .setParameter(1, pk)
                .getResultList()
                .map(rows -> {
                    Set<R> result = new HashSet<>();
                    for (Object[] values : rows) {
                        result.add(table.fromColumns.apply(values));
                    }
                    return result;
                });
    }

    private <R> Uni<Void> insertRows(Mutiny.Session session, Table<R> table, long pk, String type, Set<R> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // One multi-row INSERT per table: a lab result has tens of index rows, one round trip for all.
        int width = table.columns.size() + 2;
        StringBuilder sql = new StringBuilder("insert into ").append(table.name)
                .append(" (resource_pk, res_type, ").append(String.join(", ", table.columns)).append(") values ");
        List<Object> parameters = new ArrayList<>();
        int position = 1;
        for (R row : rows) {
            sql.append(parameters.isEmpty() ? "(" : ", (");
            for (int column = 0; column < width; column++) {
                sql.append(column == 0 ? "" : ", ").append('?').append(position++);
            }
            sql.append(')');
            parameters.add(pk);
            parameters.add(type);
            Collections.addAll(parameters, table.toColumns.apply(row));
        }
        return execute(session, sql.toString(), parameters);
    }

    private <R> Uni<Void> deleteRows(Mutiny.Session session, Table<R> table, long pk, Set<R> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (R row : rows) {
            StringBuilder sql = new StringBuilder("delete from ").append(table.name).append(" where resource_pk = ?1");
            List<Object> parameters = new ArrayList<>();
            parameters.add(pk);
            Object[] values = table.toColumns.apply(row);
            for (int column = 0; column < values.length; column++) {
                if (values[column] == null) {
                    sql.append(" and ").append(table.columns.get(column)).append(" is null");
                } else {
                    parameters.add(values[column]);
                    sql.append(" and ").append(table.columns.get(column)).append(" = ?").append(parameters.size());
                }
            }
            chain = chain.chain(() -> execute(session, sql.toString(), parameters));
        }
        return chain;
    }

    private static Uni<Void> execute(Mutiny.Session session, String sql, List<Object> parameters) {
        Mutiny.Query<?> query = session.createNativeQuery(sql);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query.executeUpdate().replaceWithVoid();
    }

    private record Table<R>(String name, List<String> columns, Function<R, Object[]> toColumns,
                            Function<Object[], R> fromColumns) {
    }
}
