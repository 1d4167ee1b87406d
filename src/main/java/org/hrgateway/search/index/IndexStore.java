package org.hrgateway.search.index;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hrgateway.store.ColumnInsert;
import org.hrgateway.store.IndexRows;
import org.hrgateway.store.IndexTables;
import org.hrgateway.store.NativeSql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The index tables' one writer: the rows of new resources, as parts of the store's create statement,
 * and the rows of an existing resource kept in step with its current version. On update only the
 * rows that changed are deleted or inserted, so re-sending an unchanged lab result costs two reads.
 */
@ApplicationScoped
public class IndexStore implements IndexTables {

    private static final Table<TokenRow> TOKENS = new Table<>(ResourceIndex::tokens, "idx_token",
            List.of(text("param"), text("system"), text("code"), text("text")),
            row -> new Object[]{row.param(), row.system(), row.code(), row.text()},
            v -> new TokenRow((String) v[0], (String) v[1], (String) v[2], (String) v[3]));
    private static final Table<StringRow> STRINGS = new Table<>(ResourceIndex::strings, "idx_string",
            List.of(text("param"), text("value_normalized"), text("value_exact")),
            row -> new Object[]{row.param(), row.normalized(), row.exact()},
            v -> new StringRow((String) v[0], (String) v[1], (String) v[2]));
    private static final Table<ReferenceRow> REFERENCES = new Table<>(ResourceIndex::references, "idx_reference",
            List.of(text("param"), text("target_type"), text("target_id"), text("target_url")),
            row -> new Object[]{row.param(), row.targetType(), row.targetId(), row.targetUrl()},
            v -> new ReferenceRow((String) v[0], (String) v[1], (String) v[2], (String) v[3]));
    private static final Table<DateRow> DATES = new Table<>(ResourceIndex::dates, "idx_date",
            List.of(text("param"), time("low"), time("high")),
            row -> new Object[]{row.param(), utc(row.low()), utc(row.high())},
            v -> new DateRow((String) v[0], instant(v[1]), instant(v[2])));
    private static final Table<NumberRow> NUMBERS = new Table<>(ResourceIndex::numbers, "idx_number",
            List.of(text("param"), decimal("low"), decimal("high")),
            row -> new Object[]{row.param(), row.low(), row.high()},
            v -> new NumberRow((String) v[0], (BigDecimal) v[1], (BigDecimal) v[2]));
    private static final Table<QuantityRow> QUANTITIES = new Table<>(ResourceIndex::quantities, "idx_quantity",
            List.of(text("param"), text("system"), text("code"), text("unit"), decimal("low"), decimal("high")),
            row -> new Object[]{row.param(), row.system(), row.code(), row.unit(), row.low(), row.high()},
            v -> new QuantityRow((String) v[0], (String) v[1], (String) v[2], (String) v[3], (BigDecimal) v[4],
                    (BigDecimal) v[5]));
    private static final Table<UriRow> URIS = new Table<>(ResourceIndex::uris, "idx_uri",
            List.of(text("param"), text("uri")),
            row -> new Object[]{row.param(), row.uri()},
            v -> new UriRow((String) v[0], (String) v[1]));
    private static final Table<CompositeRow> COMPOSITES = new Table<>(ResourceIndex::composites, "idx_composite",
            List.of(text("param"), text("system"), text("code"), text("value_system"), text("value_code"),
                    decimal("value_low"), decimal("value_high"), time("date_low"), time("date_high"),
                    text("value_string")),
            row -> new Object[]{row.param(), row.system(), row.code(), row.valueSystem(), row.valueCode(),
                    row.valueLow(), row.valueHigh(), utc(row.dateLow()), utc(row.dateHigh()), row.valueString()},
            v -> new CompositeRow((String) v[0], (String) v[1], (String) v[2], (String) v[3], (String) v[4],
                    (BigDecimal) v[5], (BigDecimal) v[6], instant(v[7]), instant(v[8]), (String) v[9]));

    private static final List<Table<?>> TABLES = List.of(TOKENS, STRINGS, REFERENCES, DATES, NUMBERS, QUANTITIES,
            URIS, COMPOSITES);

    /** A resource's row key with its index. */
    public record Indexed(long pk, String type, ResourceIndex index) {
    }

    @Override
    public String insertParts(Supplier<String> nextParameter) {
        StringBuilder sql = new StringBuilder();
        for (Table<?> table : TABLES) {
            List<ColumnInsert.Column> own = table.own();
            sql.append(", ").append(table.name()).append("_rows as (\n    insert into ").append(table.name())
                    .append(" (resource_pk, res_type");
            own.forEach(column -> sql.append(", ").append(column.name()));
            sql.append(")\n    select k.pk, k.res_type");
            for (int i = 0; i < own.size(); i++) {
                sql.append(", ").append(selected(own.get(i), "u.v" + (i + 1)));
            }
            sql.append(" from unnest(cast(").append(nextParameter.get()).append(" as integer[])");
            for (int i = 0; i < own.size(); i++) {
                sql.append(", cast(").append(nextParameter.get()).append(" as text[])");
            }
            sql.append(") as u(n");
            for (int i = 0; i < own.size(); i++) {
                sql.append(", v").append(i + 1);
            }
            sql.append(")\n      join keys k on k.n = u.n\n)");
        }
        return sql.toString();
    }

    /** Per table, the resources' ordinals and then one text array per own column (cast back in the statement). */
    @Override
    public List<Object> insertValues(List<IndexRows> resources) {
        List<Object> parameters = new ArrayList<>();
        for (Table<?> table : TABLES) {
            List<Integer> ordinals = new ArrayList<>();
            List<Object[]> values = new ArrayList<>();
            for (int i = 0; i < resources.size(); i++) {
                for (Object[] row : table.columnsOf((ResourceIndex) resources.get(i))) {
                    ordinals.add(i + 1);
                    values.add(row);
                }
            }
            parameters.add(ordinals.toArray(Integer[]::new));
            for (int column = 0; column < table.own().size(); column++) {
                String[] texts = new String[values.size()];
                for (int row = 0; row < values.size(); row++) {
                    texts[row] = text(values.get(row)[column]);
                }
                parameters.add(texts);
            }
        }
        return parameters;
    }

    @Override
    public Uni<Void> sync(Mutiny.Session session, long pk, String type, IndexRows rows) {
        return sync(session, pk, type, (ResourceIndex) rows);
    }

    @Override
    public IndexRows none() {
        return ResourceIndex.EMPTY;
    }

    private static String selected(ColumnInsert.Column column, String value) {
        if (column.type() == BigDecimal.class) {
            return "cast(" + value + " as numeric)";
        }
        if (column.type() == OffsetDateTime.class) {
            return "cast(" + value + " as timestamptz)";
        }
        return value;
    }

    /** Numbers and instants travel as text, exactly as written: the same arrays bind through Hibernate and Vert.x. */
    private static String text(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        return value.toString(); // an OffsetDateTime in ISO-8601, which timestamptz reads back exactly
    }

    /** Brings the rows of an existing resource to `index` (EMPTY after a delete). */
    public Uni<Void> sync(Mutiny.Session session, long resourcePk, String resourceType, ResourceIndex index) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Table<?> table : TABLES) {
            chain = chain.chain(() -> syncTable(session, table, resourcePk, resourceType, index));
        }
        return chain;
    }

    /** Table rows as bind values: resource_pk, res_type, then the table's own columns. */
    private static <R> void addRows(List<Object[]> rows, Table<R> table, long pk, String type, Set<R> values) {
        for (R row : values) {
            Object[] columns = table.toColumns.apply(row);
            Object[] bound = new Object[columns.length + 2];
            bound[0] = pk;
            bound[1] = type;
            System.arraycopy(columns, 0, bound, 2, columns.length);
            rows.add(bound);
        }
    }

    private <R> Uni<Void> syncTable(Mutiny.Session session, Table<R> table, long pk, String type, ResourceIndex index) {
        Set<R> wanted = table.rowsOf.apply(index);
        return existing(session, table, pk)
                .chain(current -> {
                    Set<R> stale = new HashSet<>(current);
                    stale.removeAll(wanted);
                    Set<R> missing = new HashSet<>(wanted);
                    missing.removeAll(current);
                    return deleteRows(session, table, pk, stale)
                            .chain(() -> {
                                List<Object[]> rows = new ArrayList<>();
                                addRows(rows, table, pk, type, missing);
                                return insertRows(session, table, rows);
                            });
                });
    }

    private <R> Uni<Set<R>> existing(Mutiny.Session session, Table<R> table, long pk) {
        String sql = "select " + String.join(", ", table.columns()) + " from " + table.name + " where resource_pk = ?1";
        return NativeSql.rows(session, sql, List.of(pk))
                .map(rows -> {
                    Set<R> result = new HashSet<>();
                    for (Object[] values : rows) {
                        result.add(table.fromColumns.apply(values));
                    }
                    return result;
                });
    }

    private static Uni<Void> insertRows(Mutiny.Session session, Table<?> table, List<Object[]> rows) {
        return table.insert().execute(session, rows);
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
                    sql.append(" and ").append(table.columns().get(column)).append(" is null");
                } else {
                    parameters.add(values[column]);
                    sql.append(" and ").append(table.columns().get(column)).append(" = ?").append(parameters.size());
                }
            }
            chain = chain.chain(() -> NativeSql.execute(session, sql.toString(), parameters));
        }
        return chain;
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

    private static ColumnInsert.Column text(String name) {
        return new ColumnInsert.Column(name, String.class);
    }

    private static ColumnInsert.Column decimal(String name) {
        return new ColumnInsert.Column(name, BigDecimal.class);
    }

    private static ColumnInsert.Column time(String name) {
        return new ColumnInsert.Column(name, OffsetDateTime.class);
    }

    /** An index table: its own columns follow resource_pk and res_type. */
    private record Table<R>(Function<ResourceIndex, Set<R>> rowsOf, String name, List<ColumnInsert.Column> own,
                            Function<R, Object[]> toColumns, Function<Object[], R> fromColumns, ColumnInsert insert) {

        Table(Function<ResourceIndex, Set<R>> rowsOf, String name, List<ColumnInsert.Column> columns,
              Function<R, Object[]> toColumns, Function<Object[], R> fromColumns) {
            this(rowsOf, name, List.copyOf(columns), toColumns, fromColumns,
                    new ColumnInsert(name, Stream.concat(Stream.of(new ColumnInsert.Column("resource_pk", Long.class),
                            text("res_type")), columns.stream()).toList()));
        }

        List<String> columns() {
            return own.stream().map(ColumnInsert.Column::name).toList();
        }

        List<Object[]> columnsOf(ResourceIndex index) {
            return rowsOf.apply(index).stream().map(toColumns).toList();
        }
    }
}
