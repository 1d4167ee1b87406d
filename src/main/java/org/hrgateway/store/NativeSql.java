package org.hrgateway.store;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.List;

/**
 * Native statements with their `?n` values bound in order: the one place that binds them and reads
 * their rows. Plain values are selected untyped and cast here: a scalar result class buys nothing
 * (Hibernate 7.2 does not find a native select's plan in its cache again either way).
 */
public final class NativeSql {

    private NativeSql() {
    }

    /** Each row as its columns. */
    public static Uni<List<Object[]>> rows(Mutiny.Session session, String sql, List<Object> parameters) {
        return untyped(session, sql, parameters).getResultList().map(NativeSql::asRows);
    }

    /** The first column of every row. */
    public static <T> Uni<List<T>> values(Mutiny.Session session, String sql, List<Object> parameters, Class<T> type) {
        return rows(session, sql, parameters).map(rows -> {
            List<T> values = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                values.add(type.cast(row[0]));
            }
            return values;
        });
    }

    /** The first column of the first row, or null when there is no row. */
    public static <T> Uni<T> value(Mutiny.Session session, String sql, List<Object> parameters, Class<T> type) {
        return values(session, sql, parameters, type).map(values -> values.isEmpty() ? null : values.get(0));
    }

    /** Rows read as entities. */
    public static <E> Uni<List<E>> entities(Mutiny.Session session, String sql, List<Object> parameters, Class<E> entity) {
        Mutiny.SelectionQuery<E> query = session.createNativeQuery(sql, entity);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query.getResultList();
    }

    public static Uni<Void> execute(Mutiny.Session session, String sql, List<Object> parameters) {
        return untyped(session, sql, parameters).executeUpdate().replaceWithVoid();
    }

    private static Mutiny.Query<Object> untyped(Mutiny.Session session, String sql, List<Object> parameters) {
        Mutiny.Query<Object> query = session.createNativeQuery(sql);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query;
    }

    /** A one-column select yields bare values; every row here is an array. */
    private static List<Object[]> asRows(List<Object> results) {
        List<Object[]> rows = new ArrayList<>(results.size());
        for (Object result : results) {
            rows.add(result instanceof Object[] columns ? columns : new Object[]{result});
        }
        return rows;
    }
}
