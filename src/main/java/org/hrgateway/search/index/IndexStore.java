package org.hrgateway.search.index;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
            List.of("param", "system", "code", "text"),
            row -> new Object[]{row.param(), row.system(), row.code(), row.text()},
            v -> new TokenRow((String) v[0], (String) v[1], (String) v[2], (String) v[3]));
    private static final Table<StringRow> STRINGS = new Table<>("idx_string",
            List.of("param", "value_normalized", "value_exact"),
            row -> new Object[]{row.param(), row.normalized(), row.exact()},
            v -> new StringRow((String) v[0], (String) v[1], (String) v[2]));
    private static final Table<ReferenceRow> REFERENCES = new Table<>("idx_reference",
            List.of("param", "target_type", "target_id", "target_url"),
            row -> new Object[]{row.param(), row.targetType(), row.targetId(), row.targetUrl()},
            v -> new ReferenceRow((String) v[0], (String) v[1], (String) v[2], (String) v[3]));
    private static final Table<DateRow> DATES = new Table<>("idx_date",
            List.of("param", "low", "high"),
            row -> new Object[]{row.param(), utc(row.low()), utc(row.high())},
            v -> new DateRow((String) v[0], instant(v[1]), instant(v[2])));
    private static final Table<NumberRow> NUMBERS = new Table<>("idx_number",
            List.of("param", "low", "high"),
            row -> new Object[]{row.param(), row.low(), row.high()},
            v -> new NumberRow((String) v[0], (BigDecimal) v[1], (BigDecimal) v[2]));
    private static final Table<QuantityRow> QUANTITIES = new Table<>("idx_quantity",
            List.of("param", "system", "code", "unit", "low", "high"),
            row -> new Object[]{row.param(), row.system(), row.code(), row.unit(), row.low(), row.high()},
            v -> new QuantityRow((String) v[0], (String) v[1], (String) v[2], (String) v[3], (BigDecimal) v[4],
                    (BigDecimal) v[5]));
    private static final Table<UriRow> URIS = new Table<>("idx_uri",
            List.of("param", "uri"),
            row -> new Object[]{row.param(), row.uri()},
            v -> new UriRow((String) v[0], (String) v[1]));
    private static final Table<CompositeRow> COMPOSITES = new Table<>("idx_composite",
            List.of("param", "system", "code", "value_system", "value_code", "value_low", "value_high",
                    "date_low", "date_high", "value_string"),
            row -> new Object[]{row.param(), row.system(), row.code(), row.valueSystem(), row.valueCode(),
                    row.valueLow(), row.valueHigh(), utc(row.dateLow()), utc(row.dateHigh()), row.valueString()},
            v -> new CompositeRow((String) v[0], (String) v[1], (String) v[2], (String) v[3], (String) v[4],
                    (BigDecimal) v[5], (BigDecimal) v[6], instant(v[7]), instant(v[8]), (String) v[9]));

    /** Inserts every row of a resource that has no index rows yet. */
    public Uni<Void> insert(Mutiny.Session session, long resourcePk, String resourceType, ResourceIndex index) {
        return insertRows(session, TOKENS, resourcePk, resourceType, index.tokens())
                .chain(() -> insertRows(session, STRINGS, resourcePk, resourceType, index.strings()))
                .chain(() -> insertRows(session, REFERENCES, resourcePk, resourceType, index.references()))
                .chain(() -> insertRows(session, DATES, resourcePk, resourceType, index.dates()))
                .chain(() -> insertRows(session, NUMBERS, resourcePk, resourceType, index.numbers()))
                .chain(() -> insertRows(session, QUANTITIES, resourcePk, resourceType, index.quantities()))
                .chain(() -> insertRows(session, URIS, resourcePk, resourceType, index.uris()))
                .chain(() -> insertRows(session, COMPOSITES, resourcePk, resourceType, index.composites()));
    }

    /** Brings the rows of an existing resource to `index` (EMPTY after a delete). */
    public Uni<Void> sync(Mutiny.Session session, long resourcePk, String resourceType, ResourceIndex index) {
        return syncTable(session, TOKENS, resourcePk, resourceType, index.tokens())
                .chain(() -> syncTable(session, STRINGS, resourcePk, resourceType, index.strings()))
                .chain(() -> syncTable(session, REFERENCES, resourcePk, resourceType, index.references()))
                .chain(() -> syncTable(session, DATES, resourcePk, resourceType, index.dates()))
                .chain(() -> syncTable(session, NUMBERS, resourcePk, resourceType, index.numbers()))
                .chain(() -> syncTable(session, QUANTITIES, resourcePk, resourceType, index.quantities()))
                .chain(() -> syncTable(session, URIS, resourcePk, resourceType, index.uris()))
                .chain(() -> syncTable(session, COMPOSITES, resourcePk, resourceType, index.composites()));
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

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return (Instant) value;
    }

    private record Table<R>(String name, List<String> columns, Function<R, Object[]> toColumns,
                            Function<Object[], R> fromColumns) {
    }
}
