package org.hrgateway.store;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

/** Native statements with their `?n` values bound in order: the one place that binds them. */
public final class NativeSql {

    private NativeSql() {
    }

    public static <R> Mutiny.SelectionQuery<R> select(Mutiny.Session session, String sql, List<Object> parameters,
                                                      Class<R> resultType) {
        Mutiny.SelectionQuery<R> query = session.createNativeQuery(sql, resultType);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query;
    }

    public static Uni<Void> execute(Mutiny.Session session, String sql, List<Object> parameters) {
        Mutiny.Query<?> query = session.createNativeQuery(sql);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query.executeUpdate().replaceWithVoid();
    }
}
