package org.hrgateway.store;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Inserts any number of rows into one table with a single statement whose text never changes:
 * `insert into t (a, b) select v1, v2 from unnest(cast(?1 as bigint[]), cast(?2 as text[])) as u(v1, v2)`,
 * one array per column. A multi-row `values` list gives every row count its own statement text,
 * which PostgreSQL must parse and plan again and Hibernate must interpret again; this one is
 * prepared once.
 */
public final class ColumnInsert {

    /** A column and the Java type of its values. */
    public record Column(String name, Class<?> type) {
    }

    /** How values of one Java type travel: as an array of `bound` elements, SQL type `sqlType`. */
    private record Binding(String sqlType, Class<?> bound) {
    }

    private static final Map<Class<?>, Binding> BINDINGS = Map.of(
            Long.class, new Binding("bigint", Long.class),
            Integer.class, new Binding("integer", Integer.class),
            Boolean.class, new Binding("boolean", Boolean.class),
            String.class, new Binding("text", String.class),
            BigDecimal.class, new Binding("numeric", BigDecimal.class),
            // Hibernate turns an OffsetDateTime[] into an Instant[], which the PostgreSQL client cannot
            // send: the instants travel as ISO-8601 text, which is exact, and are cast in the select.
            OffsetDateTime.class, new Binding("text", String.class));

    private final List<Column> columns;
    private final String sql;

    public ColumnInsert(String table, List<Column> columns) {
        this.columns = List.copyOf(columns);
        List<Integer> positions = IntStream.rangeClosed(1, columns.size()).boxed().toList();
        this.sql = "insert into " + table + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") select " + positions.stream().map(i -> selected(i, columns.get(i - 1))).collect(Collectors.joining(", "))
                + " from unnest(" + positions.stream()
                .map(i -> "cast(?" + i + " as " + binding(columns.get(i - 1)).sqlType() + "[])")
                .collect(Collectors.joining(", "))
                + ") as u(" + positions.stream().map(i -> "v" + i).collect(Collectors.joining(", ")) + ")";
    }

    /** `rows` hold one value per column, in the columns' order. */
    public Uni<Void> execute(Mutiny.Session session, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> arrays = new ArrayList<>(columns.size());
        for (int column = 0; column < columns.size(); column++) {
            Binding binding = binding(columns.get(column));
            Object array = Array.newInstance(binding.bound(), rows.size());
            for (int row = 0; row < rows.size(); row++) {
                Object value = rows.get(row)[column];
                Array.set(array, row, value instanceof OffsetDateTime time ? time.toString() : value);
            }
            arrays.add(array);
        }
        return NativeSql.execute(session, sql, arrays);
    }

    String sql() {
        return sql;
    }

    private static String selected(int position, Column column) {
        return column.type() == OffsetDateTime.class ? "cast(v" + position + " as timestamptz)" : "v" + position;
    }

    private static Binding binding(Column column) {
        Binding binding = BINDINGS.get(column.type());
        if (binding == null) {
            throw new IllegalArgumentException("No SQL array type for " + column.type().getName());
        }
        return binding;
    }
}
